import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../testing/databases.ts';
import { buildOrganisation, buildUser } from '../../testing/factories.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { queueMail } from '../../mail/outbox.ts';
import { recordAudit } from '../../storage/audit.ts';
import { translator } from '../../web/i18n/i18n.ts';
import { renderWith, textsOutsideCatalogue, pseudo } from '../../web/i18n/catalogueCheck.tsx';
import { loadHome, type HomeViewModel } from './loader.ts';
import { HomeView } from './view.tsx';

const MINUTE = 60_000;
const config = { reviewTurnaroundDays: 7, mailbox: true };
const section = (m: HomeViewModel, id: string) =>
  m.roles.find((r) => r.role === 'platform_admin')?.sections.find((s) => s.id === id);

for (const backend of testBackends()) {
  describe(`the site administrator's home (${backend.name})`, () => {
    test('failed and stuck jobs, mail waiting, organisations with trouble, recent security events — each with a link', async () => {
      const storage = await backend.storage();
      const { db } = storage;
      const now = new Date();
      const admin = await buildUser(db, { name: 'Sam Admin', platformAdmin: true });
      const org = await buildOrganisation(db, { name: `Troubled ${unique('t')}` });
      const type = unique('test.admin_home');
      // Three dead jobs of this organisation (more than any other, so it is listed first).
      for (let i = 0; i < 3; i++) {
        const { id } = await enqueueJob(db, type, { i }, now, { organisationId: org.id });
        await db.updateTable('jobs').set({ status: 'dead', attempts: 5 }).where('id', '=', id).execute();
      }
      // One running past its lease, one queued long ago and never picked up.
      const running = await enqueueJob(db, type, { stuck: 'lease' }, now);
      await db
        .updateTable('jobs')
        .set({ status: 'running', locked_until: new Date(now.getTime() - MINUTE) })
        .where('id', '=', running.id)
        .execute();
      await enqueueJob(db, type, { stuck: 'queue' }, new Date(now.getTime() - 60 * MINUTE));
      await queueMail(
        db,
        'someone@example.org',
        { template: 't', subject: 's', text: 'x', html: '<p>x</p>' },
        new Date(now.getTime() - 5 * MINUTE),
        { organisationId: org.id },
      );
      await recordAudit(
        db,
        {
          organisationId: org.id,
          actorUserId: admin.id,
          action: 'api_token.created',
          subjectType: 'api_token',
        },
        now,
      );
      await recordAudit(
        db,
        { organisationId: null, actorUserId: admin.id, action: 'user.password_changed', subjectType: 'user' },
        now,
      );

      const home = await loadHome(
        { db, config },
        { user_id: admin.id, name: admin.name, organisations: [], is_platform_admin: true },
        now,
        translator('en'),
      );
      assert.equal(home.roles[0]?.role, 'platform_admin', 'the platform comes first for its administrator');

      const jobs = section(home, 'admin-jobs')!;
      const dead = jobs.items.find((i) => /out of attempts$/.test(i.label))!;
      assert.ok(dead.urgent);
      assert.equal(dead.href, '/admin/jobs');
      const stuck = jobs.items.find((i) => /stuck$/.test(i.label))!;
      assert.ok(Number(stuck.label.split(' ')[0]) >= 2, stuck.label);
      assert.equal(stuck.href, '/admin/jobs?status=all');

      const mail = section(home, 'admin-mail')!;
      const waiting = mail.items.find((i) => /waiting to be sent$/.test(i.label))!;
      assert.equal(waiting.href, '/dev/mailbox', 'the mailbox is on: its page');

      const organisations = section(home, 'admin-organisations')!;
      const troubled = organisations.items.find((i) => i.label === org.name)!;
      assert.deepEqual(
        [troubled.href, troubled.detail, troubled.urgent],
        ['/admin/jobs', '3 failed jobs, 1 email not sent', true],
      );

      const security = section(home, 'admin-security')!.items;
      const token = security.find((i) => i.label === 'API token created')!;
      assert.equal(token.href, `/orgs/${org.slug}/audit`);
      assert.match(token.detail, new RegExp(`^Sam Admin at ${org.name} · `));
      const password = security.find((i) => i.label === 'Password changed')!;
      assert.equal(password.href, null, 'a person’s own event has no page to go to');

      // Every word of the section comes from the catalogue, in both languages.
      for (const locale of ['en', 'es'] as const) {
        const model = await loadHome(
          { db, config },
          { user_id: admin.id, name: admin.name, organisations: [], is_platform_admin: true },
          now,
          pseudo(locale),
        );
        const admin0 = { ...model, roles: model.roles.slice(0, 1) };
        const html = renderWith(pseudo(locale), HomeView({ model: admin0 }));
        const section0 = html.slice(html.indexOf('<section'), html.lastIndexOf('</section>'));
        const names = admin0.roles[0]!.sections.flatMap((s) => s.items.map((i) => i.label)).filter(
          (l) => !l.startsWith('⟦'),
        );
        assert.deepEqual(textsOutsideCatalogue(section0, names), [], locale);
      }
    });

    test('someone who is not a site administrator sees no administrator section', async () => {
      const storage = await backend.storage();
      const user = await buildUser(storage.db);
      const home = await loadHome(
        { db: storage.db, config },
        { user_id: user.id, name: user.name, organisations: [], is_platform_admin: false },
        new Date(),
      );
      assert.ok(!home.roles.some((r) => r.role === 'platform_admin'));
    });
  });
}
