import { terminalSafe } from './terminal-safe';

describe('terminalSafe', () => {
  it('keeps prose, Markdown, newlines and tabs', () => {
    const answer = '## Top SQL\n\n| sql_id | s |\n|---|---|\n\tcode — « ok » ✓';
    expect(terminalSafe(answer)).toBe(answer);
  });

  it('drops escape sequences’ introducers and other control characters', () => {
    expect(terminalSafe('a\u001b]52;c;cHduZWQ=\u0007b\u001b[2Jc\r\u009bd\u0000')).toBe(
      'a]52;c;cHduZWQ=b[2Jcd',
    );
  });
});
