import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { loggedIn, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Db } from '../../../storage/database.ts';
import { ROLES } from '../../../domain/roles.ts';

interface ApiEvent {
  id: number;
  at: string;
  action: string;
  description: string;
  actor: string | null;
  actorEmail: string | null;
  subject: { type: string; id: string | null };
  ip: string | null;
}

/** An organisation with an owner and a known log: 5 days × 3 events by two people, plus one formula-looking event. */
async function auditedOrganisation(db: Db) {
  const org = await buildOrganisation(db);
  const owner = await buildUser(db, { name: 'Olive Owner' });
  const other = await buildUser(db, { name: '@Mallory' });
  await addMember(db, org.id, owner.id, ['owner']);
  await addMember(db, org.id, other.id, ['designer']);
  const actions = ['micro_credential.published', 'invitation.created', 'credential.issued'];
  for (let d = 1; d <= 5; d++) {
    for (const [i, action] of actions.entries()) {
      const actor = i === 1 ? other : owner;
      await recordAudit(
        db,
        {
          organisationId: org.id,
          actorUserId: actor.id,
          action,
          subjectType: action.split('.')[0]!,
          subjectId: `s_${d}_${i}`,
          ip: '198.51.100.9',
        },
        new Date(`2026-03-0${d}T1${i}:00:00Z`),
      );
    }
  }
  await recordAudit(
    db,
    {
      organisationId: org.id,
      actorUserId: other.id,
      action: 'stack.saved',
      subjectType: 'stack',
      subjectId: '=HYPERLINK("http://evil.example","x")',
      data: { note: '+1, "quoted"\nline' },
      ip: null,
    },
    new Date('2026-03-06T09:00:00Z'),
  );
  return { org, owner, other };
}

for (const backend of testBackends()) {
  describe(`audit log viewer (${backend.name})`, () => {
    test('filters by action, actor email, subject and date range; newest first; paged without overlap', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const { org, owner, other } = await auditedOrganisation(storage.db);
      const browser = await loggedIn(app, owner);
      const api = async (query: string) => {
        const res = await browser.getJson(`/api/v1/orgs/${org.slug}/audit?${query}`);
        assert.equal(res.status, 200, query);
        return res.body as { events: ApiEvent[]; next: number | null };
      };

      const all = await api('');
      assert.equal(all.events.length, 16);
      assert.deepEqual(
        all.events.map((e) => e.at),
        [...all.events.map((e) => e.at)].sort().reverse(),
        'newest first',
      );
      assert.equal(all.events[0]?.action, 'stack.saved');
      assert.equal(all.events[0]?.actorEmail, other.email);
      assert.equal(all.next, null);

      const published = await api('action=micro_credential.published');
      assert.equal(published.events.length, 5);
      assert.ok(
        published.events.every(
          (e) => e.action === 'micro_credential.published' && e.description === 'Micro-credential published',
        ),
      );

      const byOther = await api(`actor=${encodeURIComponent(other.email.toUpperCase())}`);
      assert.deepEqual(new Set(byOther.events.map((e) => e.actor)), new Set(['@Mallory']));
      assert.equal(byOther.events.length, 6);

      assert.deepEqual(
        (await api('subject=s_3_2')).events.map((e) => e.subject),
        [{ type: 'credential', id: 's_3_2' }],
      );
      assert.equal((await api('subject=invitation')).events.length, 5, 'a subject kind matches too');

      const range = await api('from=2026-03-02&to=2026-03-03');
      assert.equal(range.events.length, 6, 'both ends inclusive, whole days');
      assert.ok(range.events.every((e) => e.at >= '2026-03-02' && e.at < '2026-03-04'));
      assert.equal(
        (
          await api(
            `from=2026-03-02&to=2026-03-03&actor=${encodeURIComponent(owner.email)}&action=credential.issued`,
          )
        ).events.length,
        2,
        'filters combine',
      );

      // Paging: pages of 4 cover everything once, in order.
      const seen: number[] = [];
      let before: number | null = null;
      for (let i = 0; i < 10; i++) {
        const p: { events: ApiEvent[]; next: number | null } = await api(
          `limit=4${before ? `&before=${before}` : ''}`,
        );
        seen.push(...p.events.map((e) => e.id));
        before = p.next;
        if (!before) break;
      }
      assert.deepEqual(
        seen,
        all.events.map((e) => e.id),
      );

      // Bad filters are a clear 422, never a 500.
      for (const bad of [
        'from=yesterday',
        'to=2026-02-30',
        'from=2026-03-05&to=2026-03-01',
        'limit=0',
        'limit=100000',
        'before=abc',
      ]) {
        const res = await browser.getJson(`/api/v1/orgs/${org.slug}/audit?${bad}`);
        assert.equal(res.status, 422, bad);
        assert.equal((res.body as { error: { code: string } }).error.code, 'validation_failed');
      }
      const badPage = await browser.get(`/orgs/${org.slug}/audit?from=someday`);
      assert.equal(badPage.status, 422);
      assert.match(await badPage.text(), /Use a date like 2026-03-31/);
    });

    test('the page shows who, what, subject and ip, offers the actions present, and pages with the filters kept', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const { org, owner } = await auditedOrganisation(storage.db);
      for (let i = 0; i < 60; i++) {
        await recordAudit(
          storage.db,
          {
            organisationId: org.id,
            actorUserId: owner.id,
            action: 'user.profile_updated',
            subjectType: 'user',
            subjectId: `p_${i}`,
            ip: '192.0.2.1',
          },
          new Date(Date.UTC(2026, 3, 1, 0, i)),
        );
      }
      const browser = await loggedIn(app, owner);
      const first = await browser.get(`/orgs/${org.slug}/audit?action=user.profile_updated`);
      assert.equal(first.status, 200);
      const html = await first.text();
      assert.match(html, /<option value="stack.saved">Stack saved<\/option>/);
      assert.match(html, /Account profile updated/);
      assert.match(html, /192\.0\.2\.1/);
      assert.ok(html.includes(`Olive Owner &lt;${owner.email}&gt;`));
      assert.equal((html.match(/<code>p_\d+<\/code>/g) ?? []).length, 50);
      assert.ok(html.includes('<code>p_59</code>') && !html.includes('<code>p_9</code>'), 'newest first');
      const older = html.match(/href="([^"]*before=\d+[^"]*)"/)?.[1]?.replace(/&amp;/g, '&');
      assert.ok(older?.includes('action=user.profile_updated'), 'the next page keeps the filter');
      const second = await (await browser.get(older!)).text();
      assert.equal((second.match(/<code>p_\d+<\/code>/g) ?? []).length, 10);
      assert.ok(second.includes('<code>p_0</code>') && !second.includes('<code>s_'), 'still filtered');
      assert.doesNotMatch(second, /Older events/);
    });

    test('CSV export: the filtered set, escaped and formula-safe, streamed as text/csv', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const { org, owner, other } = await auditedOrganisation(storage.db);
      const browser = await loggedIn(app, owner);
      const res = await browser.get(`/orgs/${org.slug}/audit.csv`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`${org.slug}-audit\\.csv`));
      const text = await res.text();
      const lines = text.split('\r\n');
      assert.equal(
        lines[0],
        'when_utc,actor_name,actor_email,action,description,subject_type,subject_id,ip,data',
      );
      assert.equal(lines.at(-1), '', 'ends with a line break');
      // Newest first: the formula-looking event; every dangerous cell starts with an apostrophe.
      assert.equal(
        lines[1],
        `2026-03-06 09:00:00,"'@Mallory",${other.email},stack.saved,Stack saved,stack,"'=HYPERLINK(""http://evil.example"",""x"")",,"{""note"":""+1, \\""quoted\\""\\nline""}"`,
      );
      assert.equal(
        lines[2],
        `2026-03-05 12:00:00,Olive Owner,${owner.email},credential.issued,Credential issued,credential,s_5_2,198.51.100.9,{}`,
      );
      assert.equal(lines.length, 16 + 2);
      const filtered = await (
        await browser.get(`/orgs/${org.slug}/audit.csv?action=invitation.created&from=2026-03-04`)
      ).text();
      assert.deepEqual(
        filtered
          .trim()
          .split('\r\n')
          .slice(1)
          .map((l) => l.split(',')[0]),
        ['2026-03-05 11:00:00', '2026-03-04 11:00:00'],
      );
      assert.equal((await browser.get(`/orgs/${org.slug}/audit.csv?to=nope`)).status, 422);
    });

    test('CSV export streams past one batch', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db);
      const owner = await buildUser(storage.db);
      await addMember(storage.db, org.id, owner.id, ['owner']);
      const at = new Date('2026-05-01T00:00:00Z');
      await storage.db
        .insertInto('audit_events')
        .values(
          Array.from({ length: 1234 }, (_, i) => ({
            organisation_id: org.id,
            actor_user_id: owner.id,
            action: 'credential.issued',
            subject_type: 'credential',
            subject_id: `c_${i}`,
            data: '{}',
            ip: null,
            created_at: at,
          })),
        )
        .execute();
      const text = await (await (await loggedIn(app, owner)).get(`/orgs/${org.slug}/audit.csv`)).text();
      const ids = text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[6]);
      assert.equal(ids.length, 1234);
      assert.equal(new Set(ids).size, 1234, 'no row twice across batches');
      assert.equal(ids[0], 'c_1233');
    });

    test('tenancy and roles: only owners and admins, and only their own organisation’s events', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const { org } = await auditedOrganisation(storage.db);
      const { org: foreign, owner: foreignOwner } = await auditedOrganisation(storage.db);
      await recordAudit(
        storage.db,
        {
          organisationId: foreign.id,
          actorUserId: foreignOwner.id,
          action: 'foreign.secret',
          subjectType: 'secret',
          subjectId: 'only-foreign',
        },
        new Date(),
      );
      const paths = [
        `/orgs/${org.slug}/audit`,
        `/orgs/${org.slug}/audit.csv`,
        `/api/v1/orgs/${org.slug}/audit`,
      ];
      for (const role of ROLES) {
        const user = await buildUser(storage.db);
        await addMember(storage.db, org.id, user.id, [role]);
        const browser = await loggedIn(app, user);
        for (const path of paths) {
          const res = await browser.get(path);
          const body = await res.text();
          assert.equal(res.status, role === 'owner' || role === 'admin' ? 200 : 403, `${role} ${path}`);
          assert.doesNotMatch(
            body,
            /only-foreign|foreign\.secret/,
            `${role} never sees another organisation's events`,
          );
          // Another organisation's log is hidden from everyone here, whatever their role.
          assert.equal(
            (await browser.get(path.replace(org.slug, foreign.slug))).status,
            404,
            `${role} ${path} of another organisation`,
          );
        }
      }
      const outsider = await loggedIn(app, await buildUser(storage.db));
      assert.equal((await outsider.get(paths[1]!)).status, 404);
      const anonymous = await app.request(paths[0]!);
      assert.equal(anonymous.status, 303);
      assert.match(anonymous.headers.get('location') ?? '', /^\/login/);
    });
  });
}
