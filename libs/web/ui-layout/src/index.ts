export { AppHeader } from './lib/app-header/app-header';
export type { NavLink } from './lib/app-header/app-header';
