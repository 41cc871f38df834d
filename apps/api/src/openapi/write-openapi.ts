import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  generateOpenApiDocument,
  OPENAPI_DOCUMENT_PATH,
  serializeOpenApiDocument,
} from './openapi-document';

/** `npm run openapi`: regenerates the committed API document after a route or schema change. */
async function main(): Promise<void> {
  const path = resolve(process.cwd(), OPENAPI_DOCUMENT_PATH);
  writeFileSync(path, serializeOpenApiDocument(await generateOpenApiDocument()));
  console.log(`openapi: wrote ${path}`);
}

main().catch((error: unknown) => {
  console.error('openapi: cannot generate the document:', error);
  process.exit(1);
});
