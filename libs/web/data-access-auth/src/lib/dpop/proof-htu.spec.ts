import { proofHtu } from './proof-htu';

describe('proofHtu', () => {
  it('drops the query and the fragment', () => {
    expect(proofHtu('https://api.example.com/api/chat?x=1#top', 'https://app.example.com')).toBe(
      'https://api.example.com/api/chat',
    );
  });

  it('resolves a relative URL against the page', () => {
    expect(proofHtu('/backend/api/me?x=1', 'https://app.example.com')).toBe(
      'https://app.example.com/backend/api/me',
    );
  });

  it('normalizes as URL does (case of the host, default port)', () => {
    expect(proofHtu('https://API.example.com:443/api/me', 'https://app.example.com')).toBe(
      'https://api.example.com/api/me',
    );
  });
});
