import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from './markdown.ts';

test('evidence Markdown renders a safe subset and escapes everything else', () => {
  assert.equal(renderMarkdown('I **waited** *three* seconds.\nThen asked.'), '<p>I <strong>waited</strong> <em>three</em> seconds.<br>Then asked.</p>');
  assert.equal(renderMarkdown('- one\n- two'), '<ul><li>one</li><li>two</li></ul>');
  assert.equal(renderMarkdown('1. plan\n2. teach'), '<ol><li>plan</li><li>teach</li></ol>');
  assert.equal(renderMarkdown('[video](https://v.example/1)'), '<p><a href="https://v.example/1" rel="noopener noreferrer nofollow">video</a></p>');
  const hostile = renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>');
  assert.doesNotMatch(hostile, /<script|<img|href="javascript/);
  assert.match(hostile, /&lt;script&gt;/);
});
