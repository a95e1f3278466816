import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderMarkdown } from './markdown.ts';

/**
 * Every tag in the output is one Markdown makes, with only the attributes it makes: links to
 * http(s) with rel set, and nothing that runs script or loads anything.
 */
function assertSafe(html: string, source: string): void {
  const allowed = new Set([
    'p',
    'br',
    'strong',
    'em',
    's',
    'ul',
    'ol',
    'li',
    'a',
    'h4',
    'h5',
    'h6',
    'code',
    'pre',
    'blockquote',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ]);
  for (const [, close, tag, attrs] of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    assert.ok(allowed.has(tag!), `tag <${tag}> from ${JSON.stringify(source)}`);
    if (close) continue;
    const names = [...attrs!.matchAll(/\s([a-zA-Z-]+)(?:="([^"]*)")?/g)];
    // Nothing outside name="value" pairs: a stray quote would mean an attribute was broken out of.
    assert.equal(
      attrs!.replace(/\s[a-zA-Z-]+="[^"]*"/g, '').trim(),
      '',
      `attributes of <${tag}${attrs}> from ${JSON.stringify(source)}`,
    );
    for (const [, name, value] of names) {
      const ok =
        (tag === 'a' && name === 'href' && /^https?:\/\//i.test(value!)) ||
        (tag === 'a' && name === 'title') ||
        (tag === 'a' && name === 'rel' && value === 'noopener noreferrer nofollow') ||
        (tag === 'ol' && name === 'start' && /^\d+$/.test(value!)) ||
        (tag === 'code' && name === 'class' && /^language-\S*$/.test(value!)) ||
        ((tag === 'th' || tag === 'td') &&
          name === 'style' &&
          /^text-align:(left|right|center)$/.test(value!));
      assert.ok(ok, `attribute ${name}="${value}" on <${tag}> from ${JSON.stringify(source)}`);
    }
    if (tag === 'a') assert.match(attrs!, /rel="noopener noreferrer nofollow"/);
  }
}

test('evidence Markdown: paragraphs, line breaks, emphasis, lists, links and demoted headings', () => {
  assert.equal(
    renderMarkdown('I **waited** *three* seconds.\nThen asked.'),
    '<p>I <strong>waited</strong> <em>three</em> seconds.<br>\nThen asked.</p>\n',
  );
  assert.equal(renderMarkdown('- one\n- two'), '<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n');
  assert.equal(renderMarkdown('1. plan\n2. teach'), '<ol>\n<li>plan</li>\n<li>teach</li>\n</ol>\n');
  assert.equal(
    renderMarkdown('[video](https://v.example/1)'),
    '<p><a href="https://v.example/1" rel="noopener noreferrer nofollow">video</a></p>\n',
  );
  assert.equal(
    renderMarkdown('See <https://v.example/2>.'),
    '<p>See <a href="https://v.example/2" rel="noopener noreferrer nofollow">https://v.example/2</a>.</p>\n',
  );
  assert.equal(
    renderMarkdown('[notes][n]\n\n[n]: http://notes.example/a'),
    '<p><a href="http://notes.example/a" rel="noopener noreferrer nofollow">notes</a></p>\n',
  );
  // Evidence sits under the page's h3, so its headings start at h4.
  assert.equal(
    renderMarkdown('# Plan\n## Steps\n###### Last'),
    '<h4>Plan</h4>\n<h5>Steps</h5>\n<h6>Last</h6>\n',
  );
  // Bare addresses are not turned into links.
  assert.equal(renderMarkdown('https://bare.example/x'), '<p>https://bare.example/x</p>\n');
});

test('evidence Markdown: hostile input stays text', () => {
  const corpus = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<div\nonclick="alert(1)">x</div>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x]( javascript:alert(1) )',
    '[x](java\tscript:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](&#x6A;avascript&colon;alert(1))',
    '[x](javascript&#58;alert(1))',
    '[x](%6Aavascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](file:///etc/passwd)',
    '[x](//evil.example/no-scheme)',
    '[x](https:evil)',
    '[x][r]\n\n[r]: javascript:alert(1)',
    '[x][r]\n\n[r]: <data:text/html,<script>alert(1)</script>>',
    '[r]\n\n[r]: vbscript:msgbox(1) "title"',
    '<javascript:alert(1)>',
    '<data:text/html,alert(1)>',
    '<vbscript:msgbox(1)>',
    '<JAVASCRIPT:alert(1)>',
    '![x](https://evil.example/track.png)',
    '![x](javascript:alert(1))',
    '![x][i]\n\n[i]: https://evil.example/pixel.gif',
    '[x](https://a.example/"onmouseover="alert(1))',
    '[x](https://a.example/ "t\\"onclick=alert(1)")',
    '[x](<https://a.example/" onclick="alert(1)>)',
    "[x](https://a.example/'onclick='alert(1))",
    '[<img src=x onerror=alert(1)>](https://a.example/)',
    '[x](https://a.example/)<script>',
    '`<script>alert(1)</script>`',
    '```html\n<script>alert(1)</script>\n```',
    '```"><script>alert(1)</script>\nx\n```',
    '&lt;script&gt; &#60;script&#62; &amp;lt;',
    '| a | b |\n|:-|-:|\n| <b>x</b> | [y](javascript:z) |',
    '> <svg onload=alert(1)>',
  ];
  for (const source of corpus) {
    const html = renderMarkdown(source);
    assertSafe(html, source);
    assert.doesNotMatch(html, /<(script|img|iframe|svg|div)\b|javascript:\S*"|href="(?!https?:)/i, source);
  }
  assert.match(renderMarkdown('<script>alert(1)</script>'), /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  // An image is not loaded: what is left is at most a link to it.
  assert.equal(
    renderMarkdown('![x](https://evil.example/track.png)'),
    '<p>!<a href="https://evil.example/track.png" rel="noopener noreferrer nofollow">x</a></p>\n',
  );
});

test('evidence Markdown: any mix of Markdown and HTML syntax renders only safe tags and attributes', () => {
  const piece = fc.constantFrom(
    '*',
    '**',
    '_',
    '`',
    '[',
    ']',
    '(',
    ')',
    '<',
    '>',
    '"',
    "'",
    '!',
    '&',
    '#',
    ';',
    ':',
    ' ',
    '\n',
    '\n\n',
    '- ',
    '1. ',
    '> ',
    '|',
    '\\',
    'javascript:',
    'data:',
    'vbscript:',
    'https://a.example/',
    'http://b.example',
    '&#106;',
    '&colon;',
    '<script>',
    '<img src=x onerror=alert(1)>',
    'onclick=',
    '[r]: ',
    'x',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const source = pieces.join('');
      assertSafe(renderMarkdown(source), source);
    }),
    { numRuns: 500 },
  );
});

test('evidence Markdown: 100 KB pathological inputs render (markdown-it is linear)', () => {
  const bombs = [
    '*'.repeat(100_000),
    '*a'.repeat(50_000),
    '**_'.repeat(33_000),
    '['.repeat(100_000),
    '[a]('.repeat(25_000),
    '<'.repeat(100_000),
    '`'.repeat(100_000),
    '> '.repeat(50_000) + 'deep',
    '- '.repeat(50_000) + 'deep',
    '*a **b '.repeat(14_000),
    '![['.repeat(33_000),
    '&#'.repeat(50_000),
    'a\n'.repeat(50_000),
  ];
  for (const source of bombs) {
    const html = renderMarkdown(source);
    assert.ok(html.length > 0, `${source.slice(0, 10)}… renders`);
    assertSafe(html, source.slice(0, 40));
  }
});
