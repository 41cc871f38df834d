/**
 * Text for the terminal from a source that should hold only prose (the assistant's answer):
 * newlines and tabs stay, every other control character goes — ESC first, so a prompt-injected
 * answer cannot set the window title, write the clipboard (OSC 52) or rewrite earlier lines.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
