import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptUpload,
  BadgeImageError,
  defaultBadgeSvg,
  MAX_IMAGE_BYTES,
  renderPng,
  sanitizeSvg,
} from './badgeImage.ts';
import { sniffImage } from './baking/index.ts';

test('SVG uploads lose scripts, event handlers, foreignObject, entities and external references', () => {
  const hostile = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" width="10" height="10">
<script>alert(2)</script><foreignObject><iframe src="https://evil.example"/></foreignObject>
<image xlink:href="https://evil.example/track.png"/><use href="#ok"/><rect style="fill:url(https://evil.example/x)" onclick='steal()' width="5" height="5"/>
<image href="data:image/png;base64,iVBORw0KGgo="/></svg>`;
  const clean = sanitizeSvg(hostile);
  for (const bad of ['<script', 'onload', 'onclick', 'foreignObject', 'evil.example', 'ENTITY', 'DOCTYPE'])
    assert.ok(!clean.includes(bad), `${bad} removed`);
  assert.match(clean, /href="#ok"/);
  assert.match(clean, /data:image\/png;base64/);
});

test('uploads are checked by their bytes and size; PNG is kept, SVG is rendered to PNG too', () => {
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><circle cx="10" cy="10" r="8" fill="#123456"/></svg>',
  );
  const fromSvg = acceptUpload(svg);
  assert.equal(sniffImage(fromSvg.png), 'png');
  assert.ok(fromSvg.svg?.includes('<circle'));
  assert.deepEqual(acceptUpload(fromSvg.png).svg, null);
  assert.throws(() => acceptUpload(Buffer.from('GIF89a....')), BadgeImageError);
  assert.throws(() => acceptUpload(new Uint8Array(MAX_IMAGE_BYTES + 1)), /limited to 512 KB/);
  assert.throws(() => acceptUpload(new Uint8Array(0)), /empty/);
});

test('the default badge is a clean SVG with the title and issuer, rendered to a 512 px PNG', () => {
  const svg = defaultBadgeSvg(
    'Trauma-Informed Practice <for> therapists',
    'Allied Therapy Council',
    '#7a1f5c',
  );
  assert.match(svg, /Trauma-Informed/);
  assert.match(svg, /&lt;for&gt;/);
  assert.match(svg, /#7a1f5c/);
  assert.doesNotMatch(defaultBadgeSvg('x', 'y', 'red;stroke:url(evil)'), /evil/);
  const png = renderPng(svg);
  assert.equal(sniffImage(png), 'png');
  assert.equal(Buffer.from(png).readUInt32BE(16), 512, 'width');
});
