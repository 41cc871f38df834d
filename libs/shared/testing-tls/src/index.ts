export { createTestPki, type PemFile, type TestPki } from './lib/test-pki';
