import { RuntimeConfigError } from '@oracle-ai/web/util-runtime-config';
import { loadRuntimeConfig, renderStartupError } from './load-runtime-config';

const valid = {
  issuer: 'http://localhost:4400',
  clientId: 'oracle-ai-web',
  apiBaseUrl: 'http://localhost:3000',
  scope: 'openid profile email',
};

describe('loadRuntimeConfig', () => {
  const respond = (body: unknown, status = 200) =>
    jest.fn().mockResolvedValue({
      ok: status < 400,
      status,
      json: () =>
        typeof body === 'string' ? Promise.reject(new SyntaxError(body)) : Promise.resolve(body),
    } as Response);

  it('fetches /config.json without cache and validates it', async () => {
    const fetchFn = respond(valid);
    await expect(loadRuntimeConfig(fetchFn)).resolves.toMatchObject(valid);
    expect(fetchFn).toHaveBeenCalledWith(
      '/config.json',
      expect.objectContaining({ cache: 'no-store' }),
    );
  });

  it('explains a missing file', async () => {
    await expect(loadRuntimeConfig(respond({}, 404))).rejects.toMatchObject({
      problems: ['/config.json answered HTTP 404'],
    });
  });

  it('explains invalid JSON', async () => {
    await expect(loadRuntimeConfig(respond('<html>'))).rejects.toMatchObject({
      problems: ['/config.json is not valid JSON'],
    });
  });

  it('explains a network error', async () => {
    await expect(
      loadRuntimeConfig(jest.fn().mockRejectedValue(new TypeError())),
    ).rejects.toMatchObject({
      problems: ['/config.json could not be fetched (network error)'],
    });
  });
});

describe('renderStartupError', () => {
  it('replaces the page with a heading and the list of problems, as text', () => {
    document.body.innerHTML = '<app-root></app-root>';
    renderStartupError(document, new RuntimeConfigError(['<b>issuer</b> must use https']));
    expect(document.querySelector('main h1')?.textContent).toBe('Oracle AI cannot start');
    expect(document.querySelector('li')?.textContent).toBe('<b>issuer</b> must use https');
    expect(document.querySelector('b')).toBeNull();
    expect(document.querySelector('app-root')).toBeNull();
  });
});
