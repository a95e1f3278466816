import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';
import { createApiToken } from '../../accounts/commands/createApiToken.ts';

type Issued = {
  id: string;
  url: string;
  credential: {
    validFrom: string;
    credentialSubject: { creditsEarned?: number };
    evidence?: { id?: string; narrative?: string }[];
  };
};

for (const backend of testBackends()) {
  describe(`credentials JSON API and award form (${backend.name})`, () => {
    test('award by email with evidence, credits and issue date; list with status; revoke many; tokens of other organisations and bad input are refused', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const other = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer', 'issuing_staff']);
      const d = new TestBrowser(app);
      await d.post('/login', { email: designer.email, password: designer.password });
      const mc = (
        (
          await d.postJson(
            `/api/v1/orgs/${org.slug}/micro-credentials`,
            completeDesign(`Api ${unique('')}`, {
              earningMode: 'attendance',
              evidenceParts: [],
              rubric: undefined,
            }),
          )
        ).body as { publicId: string }
      ).publicId;
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});
      const { token } = await createApiToken(
        { db: storage.db, clock },
        { name: 'roster sync', actor: { organisationId: org.id, userId: null, ip: null } },
      );
      const { token: foreign } = await createApiToken(
        { db: storage.db, clock },
        { name: 'other', actor: { organisationId: other.id, userId: null, ip: null } },
      );
      const call = (path: string, body: unknown, bearer = token) =>
        app.request(path, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${bearer}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify(body),
        });

      const res = await call(`/api/v1/orgs/${org.slug}/credentials`, {
        email: 'Attendee@Example.org',
        microCredential: mc,
        narrative: 'Signed the attendance sheet.',
        evidenceUrl: 'https://conference.example.org/sessions/12',
        creditsEarned: 1.5,
        issuedOn: '2026-03-02',
      });
      assert.equal(res.status, 201);
      const issued = (await res.json()) as Issued;
      assert.match(issued.url, /\/badges\/cred_/);
      assert.equal(issued.credential.validFrom, '2026-03-02T00:00:00Z');
      assert.equal(issued.credential.credentialSubject.creditsEarned, 1.5);
      assert.equal(issued.credential.evidence?.[0]?.narrative, 'Signed the attendance sheet.');
      assert.equal(issued.credential.evidence?.[0]?.id, 'https://conference.example.org/sessions/12');

      const bad = await call(`/api/v1/orgs/${org.slug}/credentials`, {
        email: 'nope',
        microCredential: mc,
        issuedOn: '2026-02-31',
        creditsEarned: -1,
      });
      assert.equal(bad.status, 422);
      const problems = (await bad.json()) as { error: { fields: Record<string, string> } };
      assert.deepEqual(Object.keys(problems.error.fields).sort(), ['creditsEarned', 'email', 'issuedOn']);

      assert.equal(
        (
          await call(
            `/api/v1/orgs/${org.slug}/credentials`,
            { email: 'a@example.org', microCredential: mc },
            foreign,
          )
        ).status,
        404,
        'another organisation’s token learns nothing',
      );
      assert.equal(
        (
          await call(
            `/api/v1/orgs/${org.slug}/credentials`,
            { email: 'a@example.org', microCredential: mc },
            'cairn_not_a_token',
          )
        ).status,
        401,
      );

      // The staff form takes the same fields.
      const form = await d.post(`/orgs/${org.slug}/credentials`, {
        microCredential: mc,
        email: 'second@example.org',
        creditsEarned: '2',
        issuedOn: '2026-04-01',
        evidenceUrl: 'https://conference.example.org/sessions/13',
      });
      assert.equal(form.status, 303);
      const formBad = await d.post(`/orgs/${org.slug}/credentials`, {
        microCredential: mc,
        email: 'third@example.org',
        creditsEarned: 'two',
        issuedOn: '',
      });
      assert.equal(formBad.status, 422);
      assert.match(await formBad.text(), /value="two"/, 'what was typed is kept');

      const list = (await (
        await app.request(`/api/v1/orgs/${org.slug}/credentials`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { credentials: { id: string; recipient: string; status: string }[] };
      assert.deepEqual(
        list.credentials.map((x) => [x.recipient, x.status]),
        [
          ['second@example.org', 'valid'],
          ['attendee@example.org', 'valid'],
        ],
      );
      const changed = await call(`/api/v1/orgs/${org.slug}/credentials/status`, {
        ids: list.credentials.map((x) => x.id),
        action: 'revoke',
        reason: 'Session did not count',
      });
      assert.deepEqual(((await changed.json()) as { changed: string[] }).changed.length, 2);
      const after = (await (
        await app.request(`/api/v1/orgs/${org.slug}/credentials`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { credentials: { status: string }[] };
      assert.deepEqual(
        after.credentials.map((x) => x.status),
        ['revoked', 'revoked'],
      );
      const audit = await storage.db
        .selectFrom('audit_events')
        .select('action')
        .where('organisation_id', '=', org.id)
        .where('action', 'like', 'credential.%')
        .execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), [
        'credential.issued',
        'credential.issued',
        'credential.revoked',
        'credential.revoked',
      ]);
    });
  });
}
