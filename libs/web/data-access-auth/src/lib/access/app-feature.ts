/** A part of the app the API grants separately. */
export type AppFeature = 'chat' | 'analytics';
