import { MAX_NESTING, nestsTooDeep } from './nesting-depth';

const deeper = MAX_NESTING + 1;

describe('nestsTooDeep', () => {
  it.each([
    ['quote marks', '>'.repeat(deeper) + ' x'],
    ['spaced quote marks', 'intro\n\n' + '> '.repeat(deeper) + 'x'],
    ['list markers on one line', '- '.repeat(deeper) + 'x'],
    ['ordered markers on one line', '1. '.repeat(deeper) + 'x'],
    ['quotes and lists mixed', '> - '.repeat(deeper / 2 + 1) + 'x'],
    [
      'an indented list',
      Array.from({ length: deeper }, (_, level) => ' '.repeat(level * 2) + '- x').join('\n'),
    ],
  ])('finds %s nested too deep', (_case, text) => {
    expect(nestsTooDeep(text)).toBe(true);
  });

  it.each([
    ['an answer with nested lists and quotes', '> - a\n>   - b\n>     1. c\n>        - d\n\n- e'],
    ['deeply indented code', '```\n' + ' '.repeat(120) + 'SELECT 1;\n```'],
    ['a thematic break', '* * * * *'],
    ['as many levels as allowed', '>'.repeat(MAX_NESTING) + ' x'],
    ['a table', '| a | b |\n|---|---|\n| - | > |'],
    ['prose with dashes and numbers', 'In 2024. - the load - rose by 3. 5 %'],
  ])('accepts %s', (_case, text) => {
    expect(nestsTooDeep(text)).toBe(false);
  });
});
