import { earnersApplication } from '../queries/applications.ts';
import { Hono, type Context } from 'hono';
import { AppError, notFound } from '../../../domain/errors.ts';
import type { Design, Rubric } from '../../catalog/index.ts';
import { can } from '../../../domain/roles.ts';
import { applyForMicroCredential, withdrawApplication } from '../commands/applyForMicroCredential.ts';
import {
  fileStoreFor,
  saveEvidence,
  saveEvidenceDrafts,
  saveEvidenceFile,
  submitApplication,
} from '../commands/submitEvidence.ts';
import { assignedAttempt, reviewAttempt, reviewQueue } from '../commands/peerReview.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { ActionButton, CsrfField, ErrorSummary, emptyForm, type FormState } from '../../../web/forms.tsx';
import { raw } from 'hono/html';
import { renderMarkdown } from '../../../web/markdown.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { ApplicationHeading, applicationFacts } from './applicationFacts.tsx';
import { proofApplicationPage } from '../../payments/index.ts';
import type { Child } from 'hono/jsx';
import { PageScriptTag, servePageScript } from '../../../web/pageScripts.tsx';

type C = Context<AppEnv>;
const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
/** Facts joined with " · ", only those present. */
export function joinFacts(facts: Child[]): Child[] {
  return facts
    .filter((f) => f !== null && f !== undefined && f !== false && f !== '')
    .flatMap((f, i) => (i === 0 ? [f] : [' · ', f]));
}
const STATUS: Record<string, string> = {
  in_progress: 'In progress',
  submitted: 'Submitted',
  in_review: 'In review',
  needs_revision: 'Needs revision',
  passed: 'Passed',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
  rejected: 'Not approved',
};

async function applicationPage(c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) {
  const { db, clock } = c.var.deps;
  const app = await earnersApplication(db, actor(c).userId, c.req.param('id') ?? '');
  const v = await db
    .selectFrom('micro_credential_versions')
    .selectAll()
    .where('id', '=', app.version_id)
    .executeTakeFirstOrThrow();
  if (v.earning_mode === 'proof_of_completion') return proofApplicationPage(c, form, status);
  const [items, files, attempts] = await Promise.all([
    db.selectFrom('evidence_items').selectAll().where('application_id', '=', app.id).execute(),
    db
      .selectFrom('evidence_files')
      .select(['id', 'public_id', 'filename'])
      .where('application_id', '=', app.id)
      .execute(),
    db
      .selectFrom('attempts')
      .selectAll()
      .where('application_id', '=', app.id)
      .orderBy('number', 'desc')
      .execute(),
  ]);
  const partsList = v.evidence_parts as Design['evidenceParts'];
  const rubric = v.rubric as Rubric;
  const { editable, daysLeft, credential } = await applicationFacts(db, app, clock.now());
  const base = `/applications/${app.public_id}`;
  // Only the facts that apply, joined once (never "Attempt 2 · ·").
  const facts: Child[] = [`Attempt ${Math.max(app.attempts, 1)}`];
  if (editable) facts.push(`${daysLeft} days left (until ${app.deadline_at.toISOString().slice(0, 10)})`);
  if (credential)
    facts.push(
      <>
        <a href={`/badges/${credential.public_id}`}>Your badge</a> (also in your{' '}
        <a href="/backpack">backpack</a>)
      </>,
    );
  return page(
    c,
    v.title,
    <>
      <ApplicationHeading title={v.title} />
      <p role="status">
        <span class="tag">{STATUS[app.status]}</span> {joinFacts(facts)}
      </p>
      <ErrorSummary form={form} />
      {editable ? (
        <form
          id="evidence"
          method="post"
          action={`${base}/evidence`}
          enctype="multipart/form-data"
          class="stack"
          style="max-width:none"
          novalidate
          data-autosave={`${base}/evidence`}
        >
          <CsrfField token={c.var.csrfToken} />
          <p class="hint">
            Your evidence is saved as you type (and whenever you choose “Save draft”). “
            {app.attempts ? 'Resubmit for review' : 'Submit for review'}” saves everything on this page first.
          </p>
          {partsList.map((p, i) => {
            const item = items.find((it) => it.part_index === i);
            const file = files.find((f) => f.id === item?.file_id);
            const error = form.errors[`part${i}`];
            const id = `f-part${i}`;
            return (
              <section class="card">
                <h2>
                  Part {i + 1}: {p.prompt} {p.required ? '' : <span class="tag">optional</span>}
                </h2>
                {error && (
                  <p id={`${id}-error`} class="error-text">
                    {error}
                  </p>
                )}
                {p.kind === 'file' ? (
                  <>
                    {file && <p>Uploaded: {file.filename}</p>}
                    <label for={id}>
                      {file ? 'Replace the file' : 'Choose a file'}
                      {p.maxSizeMb ? ` (up to ${p.maxSizeMb} MB)` : ''}
                    </label>
                    <input
                      id={id}
                      name={`file${i}`}
                      type="file"
                      aria-describedby={error ? `${id}-error` : undefined}
                    />
                  </>
                ) : (
                  <>
                    <label for={id}>
                      {p.kind === 'link'
                        ? 'Link'
                        : `Your answer${p.maxWords ? ` (up to ${p.maxWords} words)` : ''}`}
                    </label>
                    {p.kind === 'text' && (
                      <span class="hint">You can use **bold**, *italic*, lists and [links](https://…).</span>
                    )}
                    {p.kind === 'link' ? (
                      <input
                        id={id}
                        name={`part${i}`}
                        type="url"
                        value={form.values[`part${i}`] ?? item?.link_url ?? ''}
                        aria-invalid={error ? 'true' : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                      />
                    ) : (
                      <textarea
                        id={id}
                        name={`part${i}`}
                        rows={6}
                        aria-invalid={error ? 'true' : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                      >
                        {form.values[`part${i}`] ?? item?.text_value ?? ''}
                      </textarea>
                    )}
                  </>
                )}
              </section>
            );
          })}
          <p class="muted" role="status" aria-live="polite" data-autosave-status></p>
          <p>
            <button type="submit" class="secondary">
              Save draft
            </button>{' '}
            <button type="submit" formaction={`${base}/submit`}>
              {app.attempts ? 'Resubmit for review' : 'Submit for review'}
            </button>
          </p>
        </form>
      ) : (
        partsList.map((p, i) => {
          const item = items.find((it) => it.part_index === i);
          const file = files.find((f) => f.id === item?.file_id);
          return (
            <section class="card">
              <h2>
                Part {i + 1}: {p.prompt}
              </h2>
              {p.kind === 'file' ? (
                file ? (
                  <p>
                    <a href={`/evidence-files/${file.public_id}`} download={file.filename}>
                      {file.filename}
                    </a>
                  </p>
                ) : (
                  <p class="muted">No file.</p>
                )
              ) : p.kind === 'link' ? (
                item?.link_url ? (
                  <p>
                    <a href={item.link_url} rel="noopener noreferrer">
                      {item.link_url}
                    </a>
                  </p>
                ) : (
                  <p class="muted">No link.</p>
                )
              ) : item?.text_value?.trim() ? (
                <div>{raw(renderMarkdown(item.text_value))}</div>
              ) : (
                <p class="muted">No answer.</p>
              )}
            </section>
          );
        })
      )}
      {['in_progress', 'needs_revision', 'submitted'].includes(app.status) && (
        <ActionButton
          action={`${base}/withdraw`}
          csrfToken={c.var.csrfToken}
          label="Withdraw"
          variant="danger"
        />
      )}
      {attempts.length > 0 && (
        <section class="card">
          <h2>Reviews</h2>
          {attempts.map((a) => (
            <div>
              <h3>
                Attempt {a.number}:{' '}
                {a.decision === 'passed'
                  ? 'passed'
                  : a.decision === 'needs_revision'
                    ? 'needs revision'
                    : 'waiting for review'}
              </h3>
              {a.decision && (
                <>
                  <ul>
                    {rubric.criteria.map((cr) => (
                      <li>
                        <strong>{cr.name}</strong>:{' '}
                        {rubric.levels.find((l) => l.id === a.scores?.[cr.id])?.name ?? '—'}
                        {a.feedback?.[cr.id] ? ` — ${a.feedback[cr.id]}` : ''}
                      </li>
                    ))}
                  </ul>
                  <p>{a.overall_feedback}</p>
                </>
              )}
            </div>
          ))}
        </section>
      )}
    </>,
    status,
    editable ? <PageScriptTag name="evidence-autosave.js" /> : undefined,
  );
}

async function reviewPage(c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) {
  const a = await assignedAttempt(c.var.deps.db, actor(c).userId, c.req.param('id') ?? '');
  // The earner sees “in review” once the reviewer opens the submission.
  await c.var.deps.db
    .updateTable('applications')
    .set({ status: 'in_review' })
    .where('id', '=', a.application_id)
    .where('status', '=', 'submitted')
    .execute();
  const rubric = a.rubric as Rubric;
  const evidence = a.evidence as Array<{
    part: number;
    kind: string;
    text: string | null;
    link: string | null;
    file: { id: string; name: string } | null;
  }>;
  return page(
    c,
    `Review: ${a.title}`,
    <>
      <p class="muted">
        <a href="/reviews">Your review queue</a>
      </p>
      <h1>
        Review: {a.title} (attempt {a.number})
      </h1>
      <div style="display:grid;grid-template-columns:1fr 1fr;gap:20px">
        <section class="card">
          <h2>Evidence</h2>
          {evidence.map((e) => (
            <div>
              <h3>Part {e.part + 1}</h3>
              {e.text && <div class="card">{raw(renderMarkdown(e.text))}</div>}
              {e.link && (
                <p>
                  <a href={e.link} rel="noopener noreferrer" target="_blank">
                    {e.link}
                  </a>
                </p>
              )}
              {e.file && (
                <p>
                  <a href={`/evidence-files/${e.file.id}`}>{e.file.name}</a>
                </p>
              )}
            </div>
          ))}
        </section>
        <section class="card">
          <h2>Rubric</h2>
          {a.decision ? (
            <p>Reviewed: {a.decision === 'passed' ? 'pass' : 'needs revision'}.</p>
          ) : (
            <form method="post" action={`/reviews/${a.public_id}`} class="stack" style="max-width:none">
              <CsrfField token={c.var.csrfToken} />
              <ErrorSummary form={form} />
              {rubric.criteria.map((cr) => (
                <fieldset>
                  <legend>{cr.name}</legend>
                  {form.errors[`scores.${cr.id}`] && (
                    <p class="error-text">{form.errors[`scores.${cr.id}`]}</p>
                  )}
                  {rubric.levels.map((l) => (
                    <label for={`s-${cr.id}-${l.id}`} style="display:block">
                      <input
                        id={`s-${cr.id}-${l.id}`}
                        type="radio"
                        name={`score_${cr.id}`}
                        value={l.id}
                        checked={form.values[`score_${cr.id}`] === l.id}
                      />{' '}
                      {l.name}: {cr.descriptors[l.id]}
                      {cr.passingLevel === l.id ? ' (passing level)' : ''}
                    </label>
                  ))}
                  <label for={`fb-${cr.id}`}>Feedback on {cr.name}</label>
                  <textarea id={`fb-${cr.id}`} name={`feedback_${cr.id}`} rows={2}>
                    {form.values[`feedback_${cr.id}`] ?? ''}
                  </textarea>
                </fieldset>
              ))}
              <label for="f-overall">Overall feedback</label>
              <textarea id="f-overall" name="overallFeedback" rows={3}>
                {form.values.overallFeedback ?? ''}
              </textarea>
              {form.errors.overallFeedback && <p class="error-text">{form.errors.overallFeedback}</p>}
              <fieldset>
                <legend>Decision</legend>
                {form.errors.decision && <p class="error-text">{form.errors.decision}</p>}
                <label for="d-pass">
                  <input
                    id="d-pass"
                    type="radio"
                    name="decision"
                    value="passed"
                    checked={form.values.decision === 'passed'}
                  />{' '}
                  Pass
                </label>{' '}
                <label for="d-revise">
                  <input
                    id="d-revise"
                    type="radio"
                    name="decision"
                    value="needs_revision"
                    checked={form.values.decision === 'needs_revision'}
                  />{' '}
                  Needs revision
                </label>
              </fieldset>
              <button type="submit">Record review</button>
            </form>
          )}
        </section>
      </div>
    </>,
    status,
  );
}

const wantsJson = (c: C) => (c.req.header('accept') ?? '').includes('application/json');

/**
 * The evidence form as sent: typed parts (`part<i>`) and chosen files (`file<i>`). Parts not
 * in the form are left alone; an empty file input is no file.
 */
async function evidenceForm(
  c: C,
): Promise<{ texts: Map<number, string>; files: Map<number, File>; typed: Record<string, string> }> {
  const body = await c.req.parseBody();
  const texts = new Map<number, string>();
  const files = new Map<number, File>();
  const typed: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const text = /^part(\d{1,3})$/.exec(key);
    if (text && typeof value === 'string') {
      texts.set(Number(text[1]), value);
      typed[key] = value;
    }
    const file = /^file(\d{1,3})$/.exec(key);
    if (file && value instanceof File && value.size > 0) files.set(Number(file[1]), value);
  }
  return { texts, files, typed };
}

/** Saves the typed parts, then each chosen file; every problem is reported by part. */
async function saveAllEvidence(c: C, texts: Map<number, string>, files: Map<number, File>): Promise<void> {
  let problems: AppError | null = null;
  // Always through the command, even with nothing typed: it checks the application is the viewer's and open.
  try {
    await saveEvidenceDrafts(c.var.deps, actor(c), c.req.param('id') ?? '', texts);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
    problems = err;
  }
  for (const [part, file] of files) {
    try {
      await saveEvidenceFile(c.var.deps, actor(c), c.req.param('id') ?? '', part, {
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
      problems = new AppError(
        'validation_failed',
        problems ? 'Some evidence needs attention; the rest is saved.' : err.message,
        { ...(problems?.fields ?? {}), ...err.fields },
      );
    }
  }
  if (problems) throw problems;
}

/** Earners apply and submit evidence; reviewers score it; evidence files are served to those allowed. */
export function earningRoutes() {
  const r = new Hono<AppEnv>();
  servePageScript(r, 'evidence-autosave.js');
  r.post('/catalog/:org/:mc/apply', async (c) => {
    const mc = await c.var.deps.db
      .selectFrom('micro_credentials as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select('m.public_id')
      .where('o.slug', '=', c.req.param('org'))
      .where('m.slug', '=', c.req.param('mc'))
      .executeTakeFirst();
    if (!mc) throw notFound('That micro-credential');
    const fields = await formFields(c);
    return handleForm(
      c,
      {},
      async () => {
        const { publicId, payment } = await applyForMicroCredential(
          c.var.deps,
          actor(c),
          mc.public_id,
          fields,
        );
        if (payment)
          return redirectWith(
            c,
            `/applications/${publicId}`,
            'success',
            `You applied. Invoice ${payment.invoiceNumber} has been emailed to you; upload your certificate of completion and submit it.`,
          );
        return redirectWith(
          c,
          `/applications/${publicId}`,
          'success',
          'You applied. Add your evidence part by part; drafts are saved as you go.',
        );
      },
      (form) =>
        redirectWith(
          c,
          `/catalog/${c.req.param('org')}/${c.req.param('mc')}`,
          'error',
          form.message ?? 'You cannot apply now.',
        ),
    );
  });
  r.get('/applications', async (c) => {
    const rows = await c.var.deps.db
      .selectFrom('applications as p')
      .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
      .select(['p.public_id', 'p.status', 'p.deadline_at', 'p.attempts', 'v.title'])
      .where('p.earner_user_id', '=', actor(c).userId)
      .orderBy('p.id', 'desc')
      .execute();
    const now = c.var.deps.clock.now().getTime();
    return page(
      c,
      'Your applications',
      <>
        <h1>Your applications</h1>
        {rows.length === 0 && (
          <p>
            None yet. Find a micro-credential in the <a href="/catalog">catalog</a> and apply.
          </p>
        )}
        <table>
          <thead>
            <tr>
              <th scope="col">Micro-credential</th>
              <th scope="col">Status</th>
              <th scope="col">Days left</th>
              <th scope="col">Attempt</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr>
                <td>
                  <a href={`/applications/${a.public_id}`}>{a.title}</a>
                </td>
                <td>{STATUS[a.status]}</td>
                <td>
                  {['in_progress', 'needs_revision'].includes(a.status)
                    ? Math.max(0, Math.ceil((a.deadline_at.getTime() - now) / 86_400_000))
                    : '—'}
                </td>
                <td>{a.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
    );
  });
  r.get('/applications/:id', (c) => applicationPage(c));
  r.post('/applications/:id/evidence/:part', async (c) => {
    const fields = await formFields(c);
    const part = Number(c.req.param('part'));
    return handleForm(
      c,
      { [`part${part}`]: typeof fields.value === 'string' ? fields.value : '' },
      async () => {
        await saveEvidence(c.var.deps, actor(c), c.req.param('id'), part, fields);
        return redirectWith(c, `/applications/${c.req.param('id')}`, 'success', `Part ${part + 1} saved.`);
      },
      (form, status) => applicationPage(c, form, status as 422),
    );
  });
  r.post('/applications/:id/evidence/:part/file', async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    const part = Number(c.req.param('part'));
    return handleForm(
      c,
      {},
      async () => {
        if (!(file instanceof File))
          throw new AppError('validation_failed', 'Choose a file to upload.', {
            [`part${part}`]: 'Choose a file to upload.',
          });
        await saveEvidenceFile(c.var.deps, actor(c), c.req.param('id'), part, {
          name: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
        });
        return redirectWith(
          c,
          `/applications/${c.req.param('id')}`,
          'success',
          `File for part ${part + 1} uploaded.`,
        );
      },
      (form, status) => applicationPage(c, form, status as 422),
    );
  });
  r.post('/applications/:id/evidence', async (c) => {
    const { texts, files, typed } = await evidenceForm(c);
    if (wantsJson(c)) {
      // The autosave: typed parts only; problems come back as JSON through the error boundary.
      const { changed } = await saveEvidenceDrafts(c.var.deps, actor(c), c.req.param('id'), texts);
      return c.json({ saved: true, changed: changed.map((i) => `part${i}`) });
    }
    return handleForm(
      c,
      typed,
      async () => {
        await saveAllEvidence(c, texts, files);
        return redirectWith(c, `/applications/${c.req.param('id')}`, 'success', 'Your evidence is saved.');
      },
      (form, status) => applicationPage(c, form, status as 422),
    );
  });
  r.post('/applications/:id/submit', async (c) => {
    // "Submit for review" sends the whole evidence form: everything typed is saved first, so a
    // part the earner did not save separately is never lost (and is in the submitted attempt).
    const { texts, files, typed } = await evidenceForm(c);
    return handleForm(
      c,
      typed,
      async () => {
        await saveAllEvidence(c, texts, files);
        const { attempt } = await submitApplication(c.var.deps, actor(c), c.req.param('id'));
        return redirectWith(
          c,
          `/applications/${c.req.param('id')}`,
          'success',
          `Attempt ${attempt} submitted. A peer reviewer will score it against the rubric.`,
        );
      },
      (form, status) => applicationPage(c, form, status as 422),
    );
  });
  r.post('/applications/:id/withdraw', async (c) => {
    await withdrawApplication(c.var.deps, actor(c), c.req.param('id'));
    return redirectWith(
      c,
      `/applications/${c.req.param('id')}`,
      'info',
      'Application withdrawn. Your evidence is kept; you can apply again.',
    );
  });
  r.get('/reviews', async (c) => {
    const rows = await reviewQueue(c.var.deps.db, actor(c).userId);
    return page(
      c,
      'Review queue',
      <>
        <h1>Your review queue</h1>
        {rows.length === 0 && <p>Nothing to review right now.</p>}
        <ul>
          {rows.map((r) => (
            <li>
              <a href={`/reviews/${r.public_id}`}>
                {r.title} — attempt {r.number}
              </a>{' '}
              <span class="muted">submitted {r.submitted_at.toISOString().slice(0, 10)}</span>
            </li>
          ))}
        </ul>
      </>,
    );
  });
  r.get('/reviews/:id', (c) => reviewPage(c));
  r.post('/reviews/:id', async (c) => {
    const fields = await formFields(c);
    const scores: Record<string, string> = {};
    const feedback: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v !== 'string') continue;
      if (k.startsWith('score_')) scores[k.slice(6)] = v;
      if (k.startsWith('feedback_') && v.trim()) feedback[k.slice(9)] = v;
    }
    return handleForm(
      c,
      fields,
      async () => {
        await reviewAttempt(c.var.deps, actor(c), c.req.param('id'), {
          scores,
          feedback,
          overallFeedback: fields.overallFeedback,
          decision: fields.decision,
        });
        return redirectWith(c, '/reviews', 'success', 'Review recorded; the earner has been told.');
      },
      (form, status) => reviewPage(c, form, status as 422),
    );
  });
  r.get('/evidence-files/:id', async (c) => {
    const { db } = c.var.deps;
    const viewer = requireViewer(c.var.viewer);
    const file = await db
      .selectFrom('evidence_files as f')
      .innerJoin('applications as p', 'p.id', 'f.application_id')
      .select([
        'f.bytes',
        'f.sha256',
        'f.content_type',
        'f.filename',
        'p.id as application_id',
        'p.earner_user_id',
        'p.organisation_id',
      ])
      .where('f.public_id', '=', c.req.param('id'))
      .executeTakeFirst();
    if (!file) throw notFound('That file');
    let allowed = file.earner_user_id === viewer.user_id;
    if (!allowed)
      allowed = !!(await db
        .selectFrom('attempts')
        .select('id')
        .where('application_id', '=', file.application_id)
        .where('reviewer_user_id', '=', viewer.user_id)
        .executeTakeFirst());
    if (!allowed) {
      const m = await db
        .selectFrom('memberships')
        .select('roles')
        .where('organisation_id', '=', file.organisation_id)
        .where('user_id', '=', viewer.user_id)
        .executeTakeFirst();
      allowed = !!m && can(m.roles, 'applications.read');
    }
    if (!allowed) throw notFound('That file');
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, no-store');
    c.header('Content-Disposition', `attachment; filename="${file.filename.replace(/[^\w.-]+/g, '_')}"`);
    const bytes = file.bytes.length ? file.bytes : fileStoreFor(c.var.deps.config).get(file);
    return c.body(Buffer.from(bytes), 200, { 'Content-Type': file.content_type });
  });
  return r;
}
