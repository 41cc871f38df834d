export { ProfilePage } from './lib/profile-page/profile-page';
