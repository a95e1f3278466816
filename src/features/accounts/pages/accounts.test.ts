import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, testApp, testConfig } from '../../../testing/http.ts';
import { buildUser, lastMailTo, TEST_PASSWORD } from '../../../testing/factories.ts';
import { MINUTE } from '../../../domain/clock.ts';
import { byLabel, pageText, tableAfter } from '../../../testing/pageQueries.ts';

for (const backend of testBackends()) {
  describe(`accounts over HTTP (${backend.name})`, () => {
    test('sign up, confirm the email through its link, log in, log out', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const browser = new TestBrowser(app);
      const email = `${unique('new')}@example.org`;

      const signup = await browser.post('/signup', {
        name: 'Ada Teacher',
        email: email.toUpperCase(),
        password: 'a long enough pass',
      });
      assert.equal(signup.status, 303);
      assert.equal(signup.headers.get('location'), '/check-email');

      const early = await browser.post('/login', { email, password: 'a long enough pass' });
      assert.equal(early.status, 403);
      assert.match(pageText(await early.text()), /confirm your email address first/);

      const { mail, path } = await lastMailTo(storage.db, email);
      assert.ok(mail, 'a confirmation email was queued');
      assert.match(path ?? '', /^\/confirm-email\//);
      const confirmed = await browser.get(path!);
      assert.equal(confirmed.status, 303);
      const again = await browser.get(path!);
      assert.equal(again.status, 400, 'a confirmation link works once');

      const login = await browser.post('/login', { email, password: 'a long enough pass' });
      assert.equal(login.status, 303);
      assert.ok(browser.cookies.has('cairn_session'));
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('cairn_session='))!;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/);

      const me = await browser.getJson('/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal((me.body as { name: string }).name, 'Ada Teacher');

      const out = await browser.post('/logout');
      assert.equal(out.status, 303);
      assert.equal((await browser.getJson('/api/v1/me')).status, 401);
    });

    test('a bad sign-up keeps what was typed and shows each error next to its field', async () => {
      const storage = await backend.storage();
      const browser = new TestBrowser(testApp(storage).app);
      const res = await browser.post('/signup', {
        name: 'Bo <b>Bold</b>',
        email: 'not-an-email',
        password: 'short',
      });
      assert.equal(res.status, 422);
      const html = await res.text();
      const email = byLabel(html, 'Email');
      assert.equal(email.error, 'Enter an email address like name@example.org.');
      assert.ok(email.invalid);
      assert.equal(byLabel(html, 'Password').error, 'Use at least 10 characters.');
      assert.equal(byLabel(html, 'Your name').value, 'Bo <b>Bold</b>', 'typed values come back');
      assert.ok(!html.includes('<b>Bold</b>'), 'escaped');
      assert.equal(byLabel(html, 'Password').value, '', 'passwords are never echoed');
    });

    test('an address confirmed by one account cannot sign up again', async () => {
      const storage = await backend.storage();
      const user = await buildUser(storage.db);
      const browser = new TestBrowser(testApp(storage).app);
      const res = await browser.post('/signup', {
        name: 'Twin',
        email: user.email,
        password: 'another long password',
      });
      assert.equal(res.status, 409);
      assert.match(byLabel(await res.text(), 'Email').error ?? '', /already exists/);
    });

    test('forms without the CSRF token, or from another site, are refused', async () => {
      const storage = await backend.storage();
      const user = await buildUser(storage.db);
      const { app } = testApp(storage);
      const browser = new TestBrowser(app);
      const missing = await browser.post(
        '/login',
        { email: user.email, password: user.password },
        { csrf: null },
      );
      assert.equal(missing.status, 403);
      assert.match(pageText(await missing.text()), /Reload the page/);
      const wrong = await browser.post(
        '/login',
        { email: user.email, password: user.password },
        { csrf: 'x'.repeat(43) },
      );
      assert.equal(wrong.status, 403);
      const token = await browser.csrf();
      const body = new URLSearchParams({
        _csrf: token,
        email: user.email,
        password: user.password,
      }).toString();
      const cross = await browser.request('POST', '/login', {
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      });
      assert.equal(cross.status, 403);
      assert.ok(!browser.cookies.has('cairn_session'));
    });

    test('login is rate limited per email, and the limit lifts after the window', async () => {
      const storage = await backend.storage();
      const user = await buildUser(storage.db);
      const config = testConfig({ LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_MINUTES: '10' });
      const { app, clock } = testApp(storage, { config });
      const browser = new TestBrowser(app, `198.51.100.${Math.floor(Math.random() * 250)}`);
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await browser.post('/login', { email: user.email, password: 'wrong password!' })).status,
          401,
        );
      const limited = await browser.post('/login', { email: user.email, password: user.password });
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.match(pageText(await limited.text()), /Too many failed attempts/);
      clock.advance(11 * MINUTE);
      assert.equal(
        (await browser.post('/login', { email: user.email, password: user.password })).status,
        303,
      );
    });

    test('forgotten password: reset link, new password works, old sessions end', async () => {
      const storage = await backend.storage();
      const user = await buildUser(storage.db);
      const { app } = testApp(storage);
      const other = new TestBrowser(app);
      assert.equal((await other.post('/login', { email: user.email, password: TEST_PASSWORD })).status, 303);

      const browser = new TestBrowser(app);
      const unknown = await browser.post('/forgot-password', { email: `${unique('nobody')}@example.org` });
      assert.equal(unknown.status, 303, 'unknown addresses get the same answer');
      assert.equal((await browser.post('/forgot-password', { email: user.email })).status, 303);
      const { path } = await lastMailTo(storage.db, user.email);
      assert.match(path ?? '', /^\/reset-password\//);
      const mismatch = await browser.post(path!, {
        password: 'brand new password',
        confirm: 'different password',
      });
      assert.equal(mismatch.status, 422);
      assert.equal(byLabel(await mismatch.text(), 'New password again').error, 'The two passwords differ.');
      assert.equal(
        (await browser.post(path!, { password: 'brand new password', confirm: 'brand new password' })).status,
        303,
      );
      assert.equal(
        (await browser.post(path!, { password: 'brand new password', confirm: 'brand new password' })).status,
        400,
        'a reset link works once',
      );

      assert.equal(
        (await other.getJson('/api/v1/me')).status,
        401,
        'sessions started before the reset are ended',
      );
      assert.equal(
        (await browser.post('/login', { email: user.email, password: TEST_PASSWORD })).status,
        401,
      );
      assert.equal(
        (await browser.post('/login', { email: user.email, password: 'brand new password' })).status,
        303,
      );
      const changed = await lastMailTo(storage.db, user.email);
      assert.equal(changed.mail?.template, 'password_changed');
    });

    test('profile: change name, add a second email, confirm it, make it primary, remove the old one', async () => {
      const storage = await backend.storage();
      const user = await buildUser(storage.db);
      const browser = new TestBrowser(testApp(storage).app);
      await browser.post('/login', { email: user.email, password: user.password });
      assert.equal((await browser.post('/profile', { name: 'Renamed Person' })).status, 303);
      assert.equal(((await browser.getJson('/api/v1/me')).body as { name: string }).name, 'Renamed Person');
      const blank = await browser.post('/profile', { name: '  ' });
      assert.equal(blank.status, 422);
      assert.equal(byLabel(await blank.text(), 'Your name').error, 'Enter your name.');

      const personal = `${unique('home')}@example.net`;
      assert.equal((await browser.post('/profile/emails', { email: personal })).status, 303);
      const page = await (await browser.get('/profile')).text();
      assert.deepEqual(
        tableAfter(page, 'Email addresses').find((row) => row[0] === personal)?.[1],
        'Waiting for confirmation',
      );
      const { path } = await lastMailTo(storage.db, personal);
      assert.equal((await browser.get(path!)).status, 303);

      const rows = await storage.db
        .selectFrom('user_emails')
        .selectAll()
        .where('user_id', '=', user.id)
        .orderBy('id')
        .execute();
      const [first, second] = rows;
      assert.ok(second?.confirmed_at);
      const removePrimary = await browser.post(`/profile/emails/${first!.id}/remove`);
      assert.equal(removePrimary.status, 409);
      assert.equal((await browser.post(`/profile/emails/${second!.id}/primary`)).status, 303);
      assert.equal((await browser.post(`/profile/emails/${first!.id}/remove`)).status, 303);
      const left = await storage.db
        .selectFrom('user_emails')
        .select(['email', 'is_primary'])
        .where('user_id', '=', user.id)
        .execute();
      assert.deepEqual(left, [{ email: personal, is_primary: true }]);
      // Logging in works with the new address.
      const fresh = new TestBrowser(testApp(storage).app);
      assert.equal((await fresh.post('/login', { email: personal, password: user.password })).status, 303);
    });

    test('change password checks the current one', async () => {
      const storage = await backend.storage();
      const user = await buildUser(storage.db);
      const browser = new TestBrowser(testApp(storage).app);
      await browser.post('/login', { email: user.email, password: user.password });
      const wrong = await browser.post('/profile/password', {
        current: 'not it at all',
        password: 'next password 123',
        confirm: 'next password 123',
      });
      assert.equal(wrong.status, 422);
      assert.equal(
        byLabel(await wrong.text(), 'Current password').error,
        'That is not your current password.',
      );
      assert.equal(
        (
          await browser.post('/profile/password', {
            current: user.password,
            password: 'next password 123',
            confirm: 'next password 123',
          })
        ).status,
        303,
      );
      assert.equal((await browser.getJson('/api/v1/me')).status, 200, 'this session stays logged in');
    });

    test('cookies are Secure when Cairn is served over https', async () => {
      const storage = await backend.storage();
      const user = await buildUser(storage.db);
      const { app } = testApp(storage, { config: testConfig({ PUBLIC_URL: 'https://badges.example.org' }) });
      const browser = new TestBrowser(app);
      const res = await browser.post('/login', { email: user.email, password: user.password });
      assert.match(
        res.headers.getSetCookie().find((c) => c.startsWith('cairn_session='))!,
        /Secure/,
      );
    });

    test('unknown pages get a 404 page, JSON clients a JSON error', async () => {
      const storage = await backend.storage();
      const browser = new TestBrowser(testApp(storage).app);
      const html = await browser.get('/no/such/page');
      assert.equal(html.status, 404);
      assert.match(pageText(await html.text()), /Page not found/);
      const json = await browser.getJson('/api/v1/nothing');
      assert.equal(json.status, 404);
      assert.deepEqual((json.body as { error: { code: string } }).error.code, 'not_found');
      const anon = await browser.get('/profile');
      assert.equal(anon.status, 303);
      assert.equal(anon.headers.get('location'), '/login?next=%2Fprofile');
    });
  });
}
