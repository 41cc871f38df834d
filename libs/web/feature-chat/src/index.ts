export * from './lib/web-feature-chat/web-feature-chat';
