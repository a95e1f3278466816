import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { loggedIn, testApp, type TestBrowser } from '../../../testing/http.ts';
import { awardSetup } from '../../../testing/awardFixtures.ts';
import { silentLogger } from '../../../logger.ts';
import { Worker } from '../../../jobs/worker.ts';
import { issueAwardRunJob } from '../jobs/bulkAwardJobs.ts';
import { createMailer } from '../../../mail/mailer.ts';
import { createApiToken } from '../../accounts/commands/createApiToken.ts';
import { generatedRoster } from '../../../testing/awardFixtures.ts';
import { deliverMailJob } from '../../../mail/deliverJob.ts';
import {
  byLabel,
  errorSummary,
  flashMessage,
  formAttributes,
  formOfButton,
  optionsOf,
  pageText,
  refreshSeconds,
} from '../../../testing/pageQueries.ts';
import { loadAwardRun } from './bulkAwardLoader.ts';

const roster =
  'E-mail;Name;Hours\nada@example.org;Ada;2\nbo@example.org;Bo;1\nnot-an-email;Cy;1\nada@example.org;Ada again;2\n';

async function upload(browser: TestBrowser, slug: string, microCredential: string, text: string | null) {
  const form = new FormData();
  form.append('_csrf', await browser.csrf());
  form.append('microCredential', microCredential);
  if (text !== null) form.append('file', new File([text], 'attendance.csv', { type: 'text/csv' }));
  return browser.request('POST', `/orgs/${slug}/awards`, { body: form });
}

for (const backend of testBackends()) {
  describe(`bulk award pages (${backend.name})`, () => {
    test('a file that is not CSV is refused naming the line, in the reader’s language; no run is left', async () => {
      const storage = await backend.storage();
      const setup = await awardSetup(storage);
      const { app } = testApp(storage, { clock: setup.clock });
      const staffUser = await buildUser(storage.db);
      await addMember(storage.db, setup.org.id, staffUser.id, ['issuing_staff']);
      const staff = await loggedIn(app, staffUser);
      const broken = 'Email,Name\nada@example.org,"Ada\nbo@example.org,Bo\n';

      const english = await upload(staff, setup.org.slug, setup.mc.publicId, broken);
      assert.equal(english.status, 422);
      const englishPage = await english.text();
      const line = 'Line 2: a quoted field is never closed (a quote is missing).';
      assert.equal(byLabel(englishPage, 'CSV file').error, line);
      assert.equal(errorSummary(englishPage)?.message, `The file could not be read as CSV. ${line}`);

      staff.cookies.set('cairn_locale', 'es');
      const spanish = await upload(staff, setup.org.slug, setup.mc.publicId, broken);
      assert.equal(spanish.status, 422);
      const page = await spanish.text();
      const linea = 'Línea 2: un campo entre comillas no se cierra nunca (falta una comilla).';
      assert.equal(byLabel(page, 'Archivo CSV').error, linea);
      assert.equal(errorSummary(page)?.message, `No se pudo leer el archivo como CSV. ${linea}`);
      assert.ok(!pageText(page).includes('quoted field'), 'no English left on the page');

      const latin1 = new Uint8Array([...Buffer.from('Email,Name\nzoe@example.org,Zo'), 0xeb, 0x0a]);
      const form = new FormData();
      form.append('_csrf', await staff.csrf());
      form.append('microCredential', setup.mc.publicId);
      form.append('file', new File([latin1], 'latin1.csv', { type: 'text/csv' }));
      const notUtf8 = await staff.request('POST', `/orgs/${setup.org.slug}/awards`, { body: form });
      assert.equal(notUtf8.status, 422);
      assert.equal(
        byLabel(await notUtf8.text(), 'Archivo CSV').error,
        'El archivo no es texto UTF-8. Guárdalo como «CSV UTF-8» y vuelve a subirlo.',
      );
      const runs = await storage.db
        .selectFrom('award_runs')
        .select('id')
        .where('organisation_id', '=', setup.org.id)
        .execute();
      assert.equal(runs.length, 0);
    });

    test('upload → map → dry run → issue → progress JSON reaches done; outsiders get 404', async () => {
      const storage = await backend.storage();
      const setup = await awardSetup(storage);
      const { app, config } = testApp(storage, { clock: setup.clock });
      const staffUser = await buildUser(storage.db);
      await addMember(storage.db, setup.org.id, staffUser.id, ['issuing_staff']);
      const staff = await loggedIn(app, staffUser);
      const slug = setup.org.slug;

      const list = await staff.get(`/orgs/${slug}/awards`);
      assert.equal(list.status, 200);
      const listHtml = await list.text();
      const uploadForm = formAttributes(listHtml, 'Upload and map columns');
      assert.equal(uploadForm?.enctype, 'multipart/form-data');
      assert.equal(uploadForm?.action, `/orgs/${slug}/awards`);
      assert.ok(optionsOf(listHtml, 'Micro-credential').some((o) => o.value === setup.mc.publicId));
      assert.equal(byLabel(listHtml, 'CSV file').tag, 'input');

      // No file: the form comes back with the error next to the file field.
      const missing = await upload(staff, slug, setup.mc.publicId, null);
      assert.equal(missing.status, 422);
      assert.equal(byLabel(await missing.text(), 'CSV file').error, 'Choose a CSV file to upload.');

      const uploaded = await upload(staff, slug, setup.mc.publicId, roster);
      assert.equal(uploaded.status, 303);
      const runUrl = uploaded.headers.get('location')!;
      assert.match(runUrl, new RegExp(`^/orgs/${slug}/awards/run_`));
      const runId = runUrl.split('/').pop()!;
      const model = () => loadAwardRun(storage.db, setup.org, runId);
      const mapPage = await (await staff.get(runUrl)).text();
      assert.deepEqual(flashMessage(mapPage), {
        kind: 'success',
        text: 'Uploaded 4 rows. Match the columns, then check the dry run.',
      });
      // The mapping form offers the header's columns, with likely ones chosen.
      assert.deepEqual(
        optionsOf(mapPage, 'Recipient email (required)').map((o) => [o.value, o.selected]),
        [
          ['', false],
          ['E-mail', true],
          ['Name', false],
          ['Hours', false],
        ],
      );
      assert.equal(byLabel(mapPage, 'Recipient name').value, 'Name');
      assert.equal(formOfButton(mapPage, 'Check the rows (dry run)')?.action, `${runUrl}/mapping`);

      // Mapping without an email column is refused with a message next to the field.
      const bad = await staff.post(`${runUrl}/mapping`, { email: '', name: 'Name' });
      assert.equal(bad.status, 422);
      assert.equal(
        byLabel(await bad.text(), 'Recipient email (required)').error,
        'Choose the column with the recipients’ email addresses.',
      );

      const mapped = await staff.post(`${runUrl}/mapping`, {
        email: 'E-mail',
        name: 'Name',
        credits: 'Hours',
      });
      assert.equal(mapped.status, 303);
      const dryRun = await (await staff.get(runUrl)).text();
      assert.deepEqual(flashMessage(dryRun), {
        kind: 'success',
        text: 'Dry run: 2 of 4 rows can be issued.',
      });
      const checked = await model();
      assert.equal(checked.progress.state, 'dry_run');
      assert.deepEqual(checked.unused, []);
      assert.deepEqual(
        checked.problems.map((p) => [p.line, p.email, p.problem]),
        [
          [4, 'not-an-email', '“not-an-email” is not an email address.'],
          [5, 'ada@example.org', 'Same recipient as row 2: issued once.'],
        ],
      );
      assert.equal(formOfButton(dryRun, 'Issue 2 credentials')?.action, `${runUrl}/issue`);

      const issued = await staff.post(`${runUrl}/issue`);
      assert.equal(issued.status, 303);
      const running = await (await staff.get(runUrl)).text();
      const queuedModel = await model();
      assert.deepEqual(
        [
          queuedModel.progress.state,
          queuedModel.progress.issued,
          queuedModel.progress.valid,
          queuedModel.live,
        ],
        ['queued', 0, 2, true],
      );
      assert.equal(refreshSeconds(running), 2, 'the page refreshes itself while it issues');
      const queued = await staff.getJson(`${runUrl}/progress`);
      assert.equal(queued.status, 200);
      assert.equal((queued.body as { state: string }).state, 'queued');

      const worker = new Worker({
        deps: {
          db: storage.db,
          clock: setup.clock,
          logger: silentLogger,
          mailer: createMailer(null),
          config,
          credentials: setup.deps.credentials,
        },
        jobs: [issueAwardRunJob, deliverMailJob],
        concurrency: 2,
        pollMs: 50,
      });
      await worker.drain();
      const done = await staff.getJson(`${runUrl}/progress`);
      assert.deepEqual(
        { ...(done.body as Record<string, unknown>), run: undefined },
        {
          run: undefined,
          state: 'done',
          fileName: 'attendance.csv',
          total: 4,
          valid: 2,
          invalid: 1,
          duplicate: 1,
          alreadyIssued: 0,
          issued: 2,
          skipped: 0,
          percent: 100,
          error: null,
        },
      );
      const finished = await (await staff.get(runUrl)).text();
      assert.match(pageText(finished), /Done: 2 credentials issued and their claim emails queued\./);
      assert.equal((await model()).live, false);
      assert.equal(refreshSeconds(finished), null);
      const creds = await storage.db
        .selectFrom('credentials')
        .select('recipient_email')
        .where('organisation_id', '=', setup.org.id)
        .orderBy('recipient_email')
        .execute();
      assert.deepEqual(
        creds.map((c) => c.recipient_email),
        ['ada@example.org', 'bo@example.org'],
      );
      // The claim emails went through the real delivery job (kept in the outbox: no SMTP here).
      const mails = await storage.db
        .selectFrom('mail_outbox')
        .select(['to_address', 'status', 'template'])
        .where('organisation_id', '=', setup.org.id)
        .orderBy('to_address')
        .execute();
      assert.deepEqual(mails, [
        { to_address: 'ada@example.org', status: 'kept', template: 'claim_offer' },
        { to_address: 'bo@example.org', status: 'kept', template: 'claim_offer' },
      ]);
      // Issuing again changes nothing.
      assert.equal((await staff.post(`${runUrl}/issue`)).status, 303);
      assert.equal(
        (
          await storage.db
            .selectFrom('credentials')
            .select('id')
            .where('organisation_id', '=', setup.org.id)
            .execute()
        ).length,
        2,
      );

      // Tenancy: a member of another organisation, and a stranger, learn nothing.
      const other = await buildOrganisation(storage.db, { kind: 'issuer' });
      const outsiderUser = await buildUser(storage.db);
      await addMember(storage.db, other.id, outsiderUser.id, ['admin', 'issuing_staff']);
      const outsider = await loggedIn(app, outsiderUser);
      assert.equal((await outsider.get(`/orgs/${slug}/awards`)).status, 404);
      assert.equal((await outsider.get(runUrl)).status, 404);
      assert.equal((await outsider.getJson(`${runUrl}/progress`)).status, 404);
      assert.equal((await outsider.post(`${runUrl}/mapping`, { email: 'E-mail' })).status, 404);
      // Their own organisation's address with this run's id: still not found.
      assert.equal((await outsider.get(`/orgs/${other.slug}/awards/${runId}`)).status, 404);
      assert.equal((await upload(outsider, slug, setup.mc.publicId, roster)).status, 404);
      // A designer of the organisation cannot issue.
      const designerUser = await buildUser(storage.db);
      await addMember(storage.db, setup.org.id, designerUser.id, ['designer']);
      const designer = await loggedIn(app, designerUser);
      assert.equal((await designer.get(`/orgs/${slug}/awards`)).status, 403);
    });

    test('JSON API: the CSV streams in as the request body (API token or session + CSRF header); other tokens get 404', async () => {
      const storage = await backend.storage();
      const setup = await awardSetup(storage);
      const { app } = testApp(storage, { clock: setup.clock });
      const slug = setup.org.slug;
      const { token } = await createApiToken(
        { db: storage.db, clock: setup.clock },
        { name: 'roster sync', actor: { ...setup.actor, userId: null } },
      );
      const auth = { authorization: `Bearer ${token}` };
      // A streamed body without Content-Length (chunked), generated row by row.
      const streamed = (rows: number) => {
        const source = generatedRoster(rows, 'api-');
        const encoder = new TextEncoder();
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            const next = await source.next();
            if (next.done) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          },
        });
      };
      const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
        app.request(path, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
      const created = await post(
        `/api/v1/orgs/${slug}/award-runs?microCredential=${setup.mc.publicId}&fileName=sync.csv`,
        streamed(1200),
        { ...auth, 'content-type': 'text/csv', accept: 'application/json' },
      );
      assert.equal(created.status, 201);
      const run = (await created.json()) as {
        run: string;
        total: number;
        suggestedMapping: Record<string, string>;
        page: string;
      };
      assert.equal(run.total, 1200);
      assert.deepEqual(run.suggestedMapping, {
        email: 'Email',
        name: 'Name',
        externalId: 'Student ID',
        credits: 'Hours',
        issuedOn: 'Date',
      });
      assert.equal(run.page, `/orgs/${slug}/awards/${run.run}`);
      const mapped = await post(
        `/api/v1/orgs/${slug}/award-runs/${run.run}/mapping`,
        JSON.stringify(run.suggestedMapping),
        { ...auth, 'content-type': 'application/json', accept: 'application/json' },
      );
      assert.equal(mapped.status, 200);
      assert.equal(((await mapped.json()) as { valid: number }).valid, 1200);
      const issuing = await post(`/api/v1/orgs/${slug}/award-runs/${run.run}/issue`, '', {
        ...auth,
        accept: 'application/json',
      });
      assert.equal(issuing.status, 202);
      assert.equal(((await issuing.json()) as { state: string }).state, 'queued');
      const progress = await app.request(`/api/v1/orgs/${slug}/award-runs/${run.run}`, {
        headers: { ...auth, accept: 'application/json' },
      });
      assert.equal(((await progress.json()) as { valid: number }).valid, 1200);

      // Not CSV, another organisation's token, no credentials at all.
      assert.equal(
        (
          await post(`/api/v1/orgs/${slug}/award-runs?microCredential=${setup.mc.publicId}`, '{}', {
            ...auth,
            'content-type': 'application/json',
            accept: 'application/json',
          })
        ).status,
        422,
      );
      const other = await buildOrganisation(storage.db, { kind: 'issuer' });
      const { token: foreign } = await createApiToken(
        { db: storage.db, clock: setup.clock },
        { name: 'foreign', actor: { organisationId: other.id, userId: null, ip: null } },
      );
      assert.equal(
        (
          await app.request(`/api/v1/orgs/${slug}/award-runs/${run.run}`, {
            headers: { authorization: `Bearer ${foreign}`, accept: 'application/json' },
          })
        ).status,
        404,
      );
      assert.equal(
        (
          await app.request(`/api/v1/orgs/${other.slug}/award-runs/${run.run}`, {
            headers: { authorization: `Bearer ${foreign}`, accept: 'application/json' },
          })
        ).status,
        404,
      );
      assert.equal(
        (
          await post(
            `/api/v1/orgs/${slug}/award-runs?microCredential=${setup.mc.publicId}`,
            'email\na@x.org\n',
            { authorization: `Bearer ${foreign}`, 'content-type': 'text/csv', accept: 'application/json' },
          )
        ).status,
        404,
      );
      assert.equal(
        (
          await app.request(`/api/v1/orgs/${slug}/award-runs/${run.run}`, {
            headers: { accept: 'application/json' },
          })
        ).status,
        401,
      );

      // The page's script: a logged-in member streams the file with the CSRF header.
      const staffUser = await buildUser(storage.db);
      await addMember(storage.db, setup.org.id, staffUser.id, ['issuing_staff']);
      const staff = await loggedIn(app, staffUser);
      const csrf = await staff.csrf();
      const withSession = await staff.request(
        'POST',
        `/api/v1/orgs/${slug}/award-runs?microCredential=${setup.mc.slug}&fileName=page.csv`,
        {
          body: 'Email\nzed@example.org\n',
          headers: { 'content-type': 'text/csv', accept: 'application/json', 'x-csrf-token': csrf },
        },
      );
      assert.equal(withSession.status, 201);
      const withoutCsrf = await staff.request(
        'POST',
        `/api/v1/orgs/${slug}/award-runs?microCredential=${setup.mc.slug}`,
        {
          body: 'Email\nzed@example.org\n',
          headers: { 'content-type': 'text/csv', accept: 'application/json' },
        },
      );
      assert.equal(withoutCsrf.status, 403);
      const page = await (await staff.get(`/orgs/${slug}/awards`)).text();
      assert.equal(
        formAttributes(page, 'Upload and map columns')?.['data-stream-upload'],
        `/api/v1/orgs/${slug}/award-runs`,
      );
      const script = await app.request('/assets/bulk-award.js');
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      assert.ok((await script.text()).includes('x-csrf-token'));
    });
  });
}
