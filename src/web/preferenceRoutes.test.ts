import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../testing/databases.ts';
import { TestBrowser, testApp } from '../testing/http.ts';

const [pglite] = testBackends();

describe('language and theme preferences', () => {
  test('Accept-Language picks the language; a saved choice (cookie) wins and is remembered', async () => {
    const storage = await pglite!.storage();
    const browser = new TestBrowser(testApp(storage).app);
    const spanish = await browser.get('/login', { 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' });
    const html = await spanish.text();
    assert.match(html, /<html lang="es">/);
    assert.match(html, />Ir al contenido</);
    assert.equal(spanish.headers.get('content-language'), 'es');

    const saved = await browser.post('/preferences', { locale: 'en', theme: 'dark', next: '/catalog' });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), '/catalog');
    const after = await (await browser.get('/login', { 'accept-language': 'es' })).text();
    assert.match(after, /<html lang="en" data-theme="dark">/);
    assert.match(after, /Your preferences are saved\./);
  });

  test('an unknown language or theme is ignored, and `next` stays on this site', async () => {
    const storage = await pglite!.storage();
    const browser = new TestBrowser(testApp(storage).app);
    const res = await browser.post('/preferences', { locale: 'xx', theme: 'neon', next: '//evil.example' });
    assert.equal(res.headers.get('location'), '/');
    assert.equal(browser.cookies.has('cairn_locale'), false);
    assert.equal(browser.cookies.has('cairn_theme'), false);
  });

  test('pages are sent with a policy that allows no inline style or script', async () => {
    const storage = await pglite!.storage();
    const res = await new TestBrowser(testApp(storage).app).get('/login');
    const policy = res.headers.get('content-security-policy') ?? '';
    assert.match(policy, /style-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /unsafe-inline/);
  });

  test('error pages speak the reader’s language', async () => {
    const storage = await pglite!.storage();
    const res = await new TestBrowser(testApp(storage).app).get('/no/such/page', { 'accept-language': 'es' });
    assert.equal(res.status, 404);
    const html = await res.text();
    assert.match(html, /<h1>Página no encontrada<\/h1>/);
    assert.match(html, /Ir a la página de inicio/);
  });
});
