export * from './lib/analytics';
export * from './lib/error-codes';
export * from './lib/resources';
export * from './lib/chat-completions';
