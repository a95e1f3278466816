import { useT } from '../../../web/i18n/context.ts';
import { CsrfField, ErrorSummary, emptyForm, TextArea } from '../../../web/forms.tsx';
import { MicroCredentialBody, versionToDesign } from '../../catalog/index.ts';
import { recognitionPaths } from '../paths.ts';
import { dayOf, StatusTag, subjectTitle } from './recognitionParts.tsx';
import type { SubmissionModel } from './submissionLoader.ts';
import { Decide, Endorsement, NextStep, type Props } from './submissionForms.tsx';
import { entryWords } from '../threadEntries.ts';

export type { StepForm, SubmissionModel } from './submissionLoader.ts';

/** What an approval grants, or that it has ended; and which version it covers. */
function Approval({ submission: s, expired }: Props) {
  const { t, date } = useT();
  const until = s.ends_on ? date(dayOf(s.ends_on)) : null;
  const hours = s.hours_granted ?? 0;
  return (
    <p class={expired ? 'flash info' : 'flash success'}>
      {expired && until
        ? t('recognition.submission.endedOn', { date: until })
        : until
          ? t('recognition.submission.recognizedForUntil', { hours, until })
          : t('recognition.submission.recognizedFor', { hours })}
      {s.subject_kind === 'micro_credential' &&
        ` ${t('recognition.submission.onlyVersion', { version: s.micro_credential_version ?? 0 })}`}
    </p>
  );
}

/** The submissions this one follows and the ones that resubmitted it. */
function Neighbours({ slug, surroundings: { previous, next } }: Props) {
  const { t } = useT();
  return (
    <>
      {previous && (
        <p class="muted">
          {t('recognition.submission.follows')}{' '}
          <a href={recognitionPaths.submission(slug, previous.public_id)}>{previous.public_id}</a>
          {previous.micro_credential_version !== null &&
            ` ${t('recognition.submission.followsVersion', {
              version: previous.micro_credential_version,
              status: t(`recognition.status.${previous.status}`).toLocaleLowerCase(),
            })}`}
          .
        </p>
      )}
      {next.map((n) => (
        <p class="muted">
          {t('recognition.submission.resubmittedAs')}{' '}
          <a href={recognitionPaths.submission(slug, n.public_id)}>{n.public_id}</a>
          {n.micro_credential_version !== null &&
            ` ${t('recognition.submission.resubmittedVersion', { version: n.micro_credential_version })}`}
          .
        </p>
      ))}
    </>
  );
}

function Header(props: Props) {
  const { slug, side, submission: s, selfRecognition } = props;
  const { t, date } = useT();
  const values = { program: s.program_name, license: s.license_name, date: date(s.created_at) };
  return (
    <>
      <p class="muted">
        <a href={side === 'recognizer' ? recognitionPaths.queue(slug) : recognitionPaths.submissions(slug)}>
          {side === 'recognizer'
            ? t('recognition.submission.backQueue')
            : t('recognition.submission.backSubmissions')}
        </a>{' '}
        · {s.public_id}
      </p>
      <h1>{subjectTitle(t, s)}</h1>
      <p>
        <StatusTag status={s.status} />{' '}
        {side === 'recognizer'
          ? t('recognition.submission.submittedBy', { ...values, issuer: s.issuer_name })
          : t('recognition.submission.submittedTo', { ...values, recognizer: s.recognizer_name })}
      </p>
      {selfRecognition && <p class="flash info">{t('programA.selfRecognition.note')}</p>}
      {s.status === 'approved' && <Approval {...props} />}
      <Neighbours {...props} />
    </>
  );
}

function Thread({ side, canManage, submission: s, thread, csrfToken, formFor, stepUrl }: Props) {
  const i18n = useT();
  const { t, date } = i18n;
  return (
    <section class="card" aria-labelledby="thread-h">
      <h2 id="thread-h">{t('recognition.submission.thread')}</h2>
      <ol class="plain-list">
        {thread.map((m) => (
          <li class="quote">
            <p class="muted stack-1">
              {t('recognition.submission.threadBy', {
                name: m.author_name ?? t('recognition.submission.system'),
                organisation: m.author_side === 'issuer' ? s.issuer_name : s.recognizer_name,
              })}{' '}
              · {t(`recognition.submission.kinds.${m.kind}`)} ·{' '}
              {t('recognition.submission.threadWhen', { when: date(m.created_at, { withTime: true }) })}
            </p>
            <p class="pre-wrap stack-1">{entryWords(i18n, m)}</p>
          </li>
        ))}
      </ol>
      {(side === 'issuer' || canManage) && (
        <form method="post" action={stepUrl('comment')} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary form={formFor('comment')} />
          <TextArea
            form={formFor('comment')}
            name="body"
            label={t('recognition.submission.comment')}
            rows={3}
          />
          <button type="submit" class="secondary">
            {t('recognition.submission.addComment')}
          </button>
        </form>
      )}
    </section>
  );
}

/** One submission and its thread, as either side sees it (pure: everything comes in the model). */
export function SubmissionView(m: SubmissionModel) {
  const { t } = useT();
  const s = m.submission;
  const props: Props = {
    ...m,
    formFor: (name) => (m.failed.name === name && m.failed.form ? m.failed.form : emptyForm),
    stepUrl: (step) => recognitionPaths.submissionStep(m.slug, s.public_id, step),
  };
  const open = s.status === 'submitted' || s.status === 'changes_requested';
  const version = m.surroundings.version;
  return (
    <>
      <Header {...props} />
      <section class="card">
        <h2>{t('recognition.submission.statement')}</h2>
        <p class="pre-wrap">{s.statement}</p>
      </section>
      <Thread {...props} />
      {m.canManage && open && <Decide {...props} />}
      {s.status === 'approved' && <Endorsement {...props} />}
      {m.isIssuer && (open || m.resubmitVersion !== null) && <NextStep {...props} open={open} />}
      {version && (
        <section class="card">
          <h2>{t('recognition.submission.submittedVersion', { version: version.version })}</h2>
          <MicroCredentialBody d={versionToDesign(version)} version={version.version} />
        </section>
      )}
    </>
  );
}
