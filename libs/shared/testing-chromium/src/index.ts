export { CHROMIUM_LAUNCH_OPTIONS, launchChromium } from './lib/chromium';
