import { resolveNamedReferences } from './character-references';

describe('resolveNamedReferences', () => {
  it('resolves the named references answers use', () => {
    expect(resolveNamedReferences('a &amp; b &lt;c&gt; &quot;d&quot; &copy; &mdash; &nbsp;')).toBe(
      'a & b <c> "d" © — \u00a0',
    );
  });

  it('resolves in one pass, as a browser shows a reference written as text', () => {
    expect(resolveNamedReferences('&amp;lt; &amp;amp;')).toBe('&lt; &amp;');
  });

  it('leaves unknown names, inherited names and incomplete references as written', () => {
    expect(resolveNamedReferences('&unknown; &constructor; &toString; &amp &; & x &#65;')).toBe(
      '&unknown; &constructor; &toString; &amp &; & x &#65;',
    );
  });

  it('is case-sensitive, as HTML is', () => {
    expect(resolveNamedReferences('&AMP; &Dagger; &dagger;')).toBe('&AMP; ‡ †');
  });
});
