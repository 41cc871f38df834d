export { closeServer, listenOnLoopback } from './lib/loopback-server';
export { describeStartFailure } from './lib/start-failure';
