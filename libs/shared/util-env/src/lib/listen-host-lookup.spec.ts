import { ConfigError } from './env-values';
import { checkListenHostResolves } from './listen-host-lookup';

describe('checkListenHostResolves', () => {
  it.each(['127.0.0.1', '::1', 'localhost', '0.0.0.0'])('accepts %s', async (host) => {
    await expect(checkListenHostResolves('HOST', host)).resolves.toBeUndefined();
  });

  it('refuses a name that resolves to nothing, naming the variable', async () => {
    const refusal = checkListenHostResolves('METRICS_HOST', 'no-such-host.invalid');
    await expect(refusal).rejects.toBeInstanceOf(ConfigError);
    await expect(refusal).rejects.toThrow(
      // ENOTFOUND, or EAI_AGAIN from a resolver that cannot reach its servers.
      /^METRICS_HOST names no address to listen on \(got "no-such-host\.invalid": (ENOTFOUND|EAI_AGAIN)\)$/,
    );
  });
});
