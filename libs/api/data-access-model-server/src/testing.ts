/** Test helpers: an OpenAI-compatible model server on loopback whose answers a test scripts. */
export {
  chunkEvents,
  FakeModelServer,
  type FakeAnswer,
  type RecordedRequest,
} from './testing/fake-model-server';
