export {
  ModelServerClient,
  type CompletionRequest,
  type ModelServerClientOptions,
  type ModelServerMessage,
} from './lib/model-server-client';
export type { CompletionStream } from './lib/completion-stream';
export type { ChunkChoice, CompletionChunk } from './lib/completion-chunk';
export { ModelServerError, type ModelServerFailure } from './lib/model-server-error';
