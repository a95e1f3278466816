import { raw } from 'hono/html';
import type { Design, Rubric } from '../../catalog/index.ts';
import { CsrfField, type FormState } from '../../../web/forms.tsx';
import { renderMarkdown } from '../../../web/markdown.ts';
import type { applicationEvidence } from '../queries/applications.ts';
import { useT } from '../../../web/i18n/context.ts';
import { earningPaths } from '../paths.ts';

/** The evidence of an earner's application: the form while it is open, read-only after, and its reviews. */

type Evidence = Awaited<ReturnType<typeof applicationEvidence>>;
type Part = Design['evidenceParts'][number];

/** The saved item and uploaded file of evidence part `i`, if any. */
function partEvidence({ items, files }: Evidence, i: number) {
  const item = items.find((it) => it.part_index === i);
  const file = files.find((f) => f.id === item?.file_id);
  return { item, file };
}

/** The evidence form of an open application (saved as the earner types; submitted from here). */
export function EvidenceForm({
  application,
  attempts,
  parts,
  evidence,
  form,
  csrfToken,
}: {
  /** The application's public id. */
  application: string;
  attempts: number;
  parts: Design['evidenceParts'];
  evidence: Evidence;
  form: FormState;
  csrfToken: string;
}) {
  const { t } = useT();
  const submit = attempts ? t('earning.evidence.resubmit') : t('earning.evidence.submit');
  return (
    <form
      id="evidence"
      method="post"
      action={earningPaths.applicationEvidence(application)}
      enctype="multipart/form-data"
      class="stack wide"
      novalidate
      data-autosave={earningPaths.applicationEvidence(application)}
    >
      <CsrfField token={csrfToken} />
      <p class="hint">{t('earning.evidence.savedAsYouType', { submit })}</p>
      {parts.map((p, i) => (
        <EvidencePartField part={p} index={i} evidence={evidence} form={form} />
      ))}
      <p class="muted" role="status" aria-live="polite" data-autosave-status></p>
      <p>
        <button type="submit" class="secondary">
          {t('earning.evidence.saveDraft')}
        </button>{' '}
        <button type="submit" formaction={earningPaths.applicationSubmit(application)}>
          {submit}
        </button>
      </p>
    </form>
  );
}

/** One part of the evidence form: a file input, a link or a text answer, with its error. */
function EvidencePartField({
  part: p,
  index: i,
  evidence,
  form,
}: {
  part: Part;
  index: number;
  evidence: Evidence;
  form: FormState;
}) {
  const { item, file } = partEvidence(evidence, i);
  const { t } = useT();
  const error = form.errors[`part${i}`];
  const id = `f-part${i}`;
  return (
    <section class="card">
      <h2>
        {t('earning.evidence.part', { number: i + 1, prompt: p.prompt })}{' '}
        {p.required ? '' : <span class="tag">{t('earning.evidence.optional')}</span>}
      </h2>
      {error && (
        <p id={`${id}-error`} class="error-text">
          {error}
        </p>
      )}
      {p.kind === 'file' ? (
        <>
          {file && <p>{t('earning.evidence.uploaded', { file: file.filename })}</p>}
          <label for={id}>
            {file ? t('earning.evidence.replaceFile') : t('earning.evidence.chooseFile')}
            {p.maxSizeMb ? ` ${t('earning.evidence.upToMb', { size: p.maxSizeMb })}` : ''}
          </label>
          <input id={id} name={`file${i}`} type="file" aria-describedby={error ? `${id}-error` : undefined} />
        </>
      ) : (
        <>
          <label for={id}>
            {p.kind === 'link'
              ? t('earning.evidence.link')
              : `${t('earning.evidence.answer')}${p.maxWords ? ` ${t('earning.evidence.upToWords', { count: p.maxWords })}` : ''}`}
          </label>
          {p.kind === 'text' && <span class="hint">{t('earning.evidence.markdownHint')}</span>}
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
}

/** The evidence of a closed or submitted application, read-only (files to download, links, answers). */
export function EvidenceReadOnly({
  parts,
  evidence,
}: {
  parts: Design['evidenceParts'];
  evidence: Evidence;
}) {
  const { t } = useT();
  return (
    <>
      {parts.map((p, i) => {
        const { item, file } = partEvidence(evidence, i);
        return (
          <section class="card">
            <h2>{t('earning.evidence.part', { number: i + 1, prompt: p.prompt })}</h2>
            {p.kind === 'file' ? (
              file ? (
                <p>
                  <a href={earningPaths.evidenceFile(file.public_id)} download={file.filename}>
                    {file.filename}
                  </a>
                </p>
              ) : (
                <p class="muted">{t('earning.evidence.noFile')}</p>
              )
            ) : p.kind === 'link' ? (
              item?.link_url ? (
                <p>
                  <a href={item.link_url} rel="noopener noreferrer">
                    {item.link_url}
                  </a>
                </p>
              ) : (
                <p class="muted">{t('earning.evidence.noLink')}</p>
              )
            ) : item?.text_value?.trim() ? (
              <div>{raw(renderMarkdown(item.text_value))}</div>
            ) : (
              <p class="muted">{t('earning.evidence.noAnswer')}</p>
            )}
          </section>
        );
      })}
    </>
  );
}

/** The reviews of an application's attempts: each criterion's level and feedback, then the overall feedback. */
export function ReviewsSection({ attempts, rubric }: { attempts: Evidence['attempts']; rubric: Rubric }) {
  const { t } = useT();
  if (attempts.length === 0) return null;
  return (
    <section class="card">
      <h2>{t('earning.evidence.reviews')}</h2>
      {attempts.map((a) => (
        <div>
          <h3>
            {t(
              a.decision === 'passed'
                ? 'earning.evidence.attemptPassed'
                : a.decision === 'needs_revision'
                  ? 'earning.evidence.attemptRevision'
                  : 'earning.evidence.attemptWaiting',
              { number: a.number },
            )}
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
  );
}
