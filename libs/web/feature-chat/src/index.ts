export { ChatPage } from './lib/chat-page/chat-page';
