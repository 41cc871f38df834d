import { fillTemplate } from './fill-template';

describe('fillTemplate', () => {
  it('replaces every placeholder, as often as it occurs', () => {
    expect(
      fillTemplate('t', 'listen {{port}}; # {{port}} {{host}}', { port: '80', host: 'h' }),
    ).toBe('listen 80; # 80 h');
  });

  it('leaves nginx variables alone', () => {
    expect(fillTemplate('t', "'nonce-$request_id' {{a}}", { a: 'x' })).toBe(
      "'nonce-$request_id' x",
    );
  });

  it('refuses a placeholder without a value', () => {
    expect(() => fillTemplate('nginx.conf', 'root {{root}};', {})).toThrow(
      'nginx.conf: no value for {{root}}',
    );
  });

  it('refuses a value without a placeholder', () => {
    expect(() => fillTemplate('nginx.conf', 'root /srv;', { root: '/srv' })).toThrow(
      'nginx.conf: no placeholder for root',
    );
  });
});
