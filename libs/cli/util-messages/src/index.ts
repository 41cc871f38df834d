export { networkReason } from './lib/network-reason';
export { printable } from './lib/printable';
export { terminalSafe } from './lib/terminal-safe';
