import { RedactingOAuthLogger, redact } from './redacting-oauth-logger';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('RedactingOAuthLogger', () => {
  it('keeps messages but drops objects and anything shaped like a JWT', () => {
    expect(
      redact(['tokenResponse', { access_token: jwt }, `Bearer ${jwt}`, new Error(`bad ${jwt}`)]),
    ).toEqual(['tokenResponse', '[omitted]', 'Bearer [redacted]', 'bad [redacted]']);
  });

  it('never passes a token to the console', () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    new RedactingOAuthLogger().error('Error refreshing token', { refresh_token: jwt });
    expect(JSON.stringify(error.mock.calls)).not.toContain(jwt);
    error.mockRestore();
  });
});
