/**
 * Express 5 peer with express-oauth2-jwt-bearer configured the documented way:
 * `auth({ issuerBaseURL, audience })` (discovery + cached remote JWKS, jose underneath) and
 * `claimIncludes('groups', ...)` for the group.
 */
import express, { type ErrorRequestHandler } from 'express';
import { auth, claimIncludes } from 'express-oauth2-jwt-bearer';
import { closeOnSignals, meBody, readPeerEnv, REQUIRED_GROUP } from './peer-env';

const env = readPeerEnv();
const app = express();
app.disable('x-powered-by');

app.get('/healthz', (_request, response) => {
  response.json({ status: 'ok' });
});

const api = express.Router();
api.use(auth({ issuerBaseURL: env.issuer, audience: env.audience, tokenSigningAlg: 'RS256' }));
api.use(claimIncludes('groups', REQUIRED_GROUP));
api.get('/me', (request, response) => {
  response.json(meBody((request.auth?.payload ?? {}) as Record<string, unknown>));
});
app.use('/api', api);

/** The library's errors carry `status` and RFC 6750 `headers`; answer JSON instead of HTML. */
const jsonErrors: ErrorRequestHandler = (error, _request, response, next) => {
  if (response.headersSent) return next(error);
  const status = typeof error.status === 'number' ? error.status : 500;
  response
    .status(status)
    .set(error.headers ?? {})
    .json({ error: error.code ?? 'error' });
};
app.use(jsonErrors);

const server = app.listen(env.port, env.host, (error?: Error) => {
  if (error) {
    console.error(`express peer: ${error.message}`);
    process.exit(1);
  }
});
closeOnSignals(() => new Promise((resolve) => server.close(resolve)));
