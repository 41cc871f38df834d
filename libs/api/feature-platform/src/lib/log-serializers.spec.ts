import Fastify from 'fastify';
import { apiLoggerOptions, LOG_SERIALIZERS, serializeError } from './log-serializers';

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

describe('LOG_SERIALIZERS', () => {
  it('keeps an error’s type, message, stack, code and status, and nothing else it carries', () => {
    const parserError = Object.assign(new Error('Parse Error: Header overflow'), {
      code: 'HPE_HEADER_OVERFLOW',
      statusCode: 431,
      rawPacket: Buffer.from(`GET / HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}\r\n`),
      headers: { authorization: `Bearer ${TOKEN}` },
      config: { headers: { DPoP: TOKEN } },
    });
    const logged = LOG_SERIALIZERS.err(parserError);
    expect(logged).toEqual({
      type: 'Error',
      message: 'Parse Error: Header overflow',
      stack: parserError.stack,
      code: 'HPE_HEADER_OVERFLOW',
      statusCode: 431,
    });
    expect(JSON.stringify(logged)).not.toContain('eyJ');
  });

  it('replaces a JWT quoted in a message or stack', () => {
    const logged = serializeError(new TypeError(`Unexpected token in "${TOKEN}"`));
    expect(logged.message).toBe('Unexpected token in "[JWT]"');
    expect(logged.stack).toContain('TypeError: Unexpected token in "[JWT]"');
    expect(logged.stack).not.toContain('eyJ');
  });

  it('follows causes three deep, through a cycle too', () => {
    const outer = new Error('outer');
    const inner = new Error('inner', { cause: outer });
    outer.cause = inner;
    const depths: string[] = [];
    for (let level = serializeError(outer); level; level = level.cause as typeof level) {
      depths.push(level.message);
    }
    expect(depths).toEqual(['outer', 'inner', 'outer', 'inner']);
  });

  it('logs only the kind of a thrown value that is not an Error', () => {
    expect(serializeError(`Bearer ${TOKEN}`)).toEqual({
      type: 'string',
      message: 'a value that is not an Error was thrown',
      stack: '',
    });
  });

  it('keeps an odd code out', () => {
    expect(serializeError(Object.assign(new Error('x'), { code: 'a b\nc' })).code).toBeUndefined();
  });

  it('logs a request by method and path only, a reply by its status', () => {
    expect(
      LOG_SERIALIZERS.req({
        method: 'GET',
        url: `/api/me?access_token=${TOKEN}`,
        headers: { authorization: `Bearer ${TOKEN}` },
      } as never),
    ).toEqual({ method: 'GET', path: '/api/me' });
    expect(LOG_SERIALIZERS.res({ statusCode: 401, headers: {} } as never)).toEqual({
      statusCode: 401,
    });
  });

  it('the logger replaces a JWT in a message, a format argument, or an error it is given', () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const logger = Fastify({ logger: { ...apiLoggerOptions('trace'), stream } }).log;
    logger.warn(`Reply was already sent in "/api/me?access_token=${TOKEN}"`);
    logger.info('token %s', TOKEN);
    logger.error({ err: Object.assign(new Error(TOKEN), { headers: { dpop: TOKEN } }) }, 'failed');
    expect(lines).toHaveLength(3);
    expect(lines.join('')).not.toContain('eyJ');
    expect(JSON.parse(lines[0]).msg).toBe('Reply was already sent in "/api/me?access_token=[JWT]"');
  });
});
