import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../testing/databases.ts';
import { testApp } from '../../testing/http.ts';

describe('the API description routes', () => {
  test('/api/v1/openapi.json serves the document; /api/docs shows it in Cairn’s layout, grouped by tag, without scripts', async () => {
    const storage = await testBackends()[0]!.storage();
    const { app } = testApp(storage);
    const json = await app.request('/api/v1/openapi.json');
    assert.equal(json.status, 200);
    const doc = (await json.json()) as { openapi: string; servers: { url: string }[] };
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.servers[0]?.url, 'http://cairn.test');

    const res = await app.request('/api/docs', { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<header class="top"/, 'in the site layout');
    assert.doesNotMatch(html, /<script/i, 'no script (the CSP forbids inline ones; there is no CDN)');
    for (const tag of ['Credentials', 'Bulk awards', 'W3C VC API', 'Open Badges 3.0 API'])
      assert.match(html, new RegExp(`<h2 id="tag-[a-z0-9-]+">${tag}</h2>`), `the ${tag} group`);
    // One operation in full: method, path, summary, auth, scope, parameters, body schema, responses.
    const start = html.indexOf('id="postOrgsCredentials"');
    assert.ok(start > 0, 'the award operation is there');
    const op = html.slice(start, html.indexOf('</section>', start));
    assert.match(op, />POST<\/span> <code>\/api\/v1\/orgs\/\{slug\}\/credentials<\/code>/);
    assert.match(op, /Award a micro-credential to a person/);
    assert.match(op, /API token scope: <code>credentials:issue<\/code>/);
    assert.match(op, /<code>slug<\/code><span class="req"> required<\/span>/);
    assert.match(
      op,
      /<code>email<\/code> <span class="type">string \(email, at least 1 character, at most 254 characters\)<\/span><span class="req"> required<\/span>/,
    );
    assert.match(op, /<strong>201<\/strong> Issued\./);
    assert.match(
      op,
      /<strong>403<\/strong>[^<]*insufficient_scope[^<]*\(<a href="#schema-Error">Error<\/a>\)/,
    );
    assert.match(html, /id="schema-Error"/);
  });
});
