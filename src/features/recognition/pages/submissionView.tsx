import { useT } from '../../../web/i18n/context.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  emptyForm,
  TextArea,
  type FormState,
} from '../../../web/forms.tsx';
import { MicroCredentialBody, versionToDesign } from '../../catalog/index.ts';
import { recognitionPaths, type SubmissionStepPath } from '../paths.ts';
import { day, STATUS_LABELS, StatusTag } from './recognitionParts.tsx';
import type { Side } from '../commands/submissionAccess.ts';
import type {
  submissionSurroundings,
  submissionThread,
  SubmissionView as Submission,
} from '../queries/submissions.ts';

/** The forms of the submission page; a failed one is shown again with its errors. */
export type StepForm = 'comment' | 'changes' | 'approve' | 'reject' | 'withdraw' | 'endorse';

export interface SubmissionModel {
  slug: string;
  side: Side;
  /** The member may act for the issuer (withdraw, resubmit): also true on a self-submission. */
  isIssuer: boolean;
  /** The organisation submitted its own micro-credential to its own program (kind "both"). */
  selfRecognition: boolean;
  submission: Submission;
  thread: Awaited<ReturnType<typeof submissionThread>>;
  surroundings: Awaited<ReturnType<typeof submissionSurroundings>>;
  /** The version the issuer may resubmit, if any. */
  resubmitVersion: number | null;
  /** An officer of the recognizer who may decide. */
  canManage: boolean;
  /** The approval has passed its end date. */
  expired: boolean;
  failed: { name?: StepForm; form?: FormState };
  csrfToken: string;
}

type Props = SubmissionModel & {
  formFor: (name: StepForm) => FormState;
  stepUrl: (step: SubmissionStepPath) => string;
};

function Header({
  slug,
  side,
  submission: s,
  expired,
  selfRecognition,
  surroundings: { previous, next },
}: Props) {
  const { t } = useT();
  return (
    <>
      <p class="muted">
        <a href={side === 'recognizer' ? recognitionPaths.queue(slug) : recognitionPaths.submissions(slug)}>
          {side === 'recognizer' ? 'Recognition queue' : 'Recognition submissions'}
        </a>{' '}
        · {s.public_id}
      </p>
      <h1>{s.title}</h1>
      <p>
        <StatusTag status={s.status} />{' '}
        {side === 'recognizer' ? `Submitted by ${s.issuer_name}` : `Submitted to ${s.recognizer_name}`} for “
        {s.program_name}” ({s.license_name}) on {day(s.created_at)}.
      </p>
      {selfRecognition && <p class="flash info">{t('programA.selfRecognition.note')}</p>}
      {s.status === 'approved' && (
        <p class={expired ? 'flash info' : 'flash success'}>
          {expired ? 'The approval ended on' : 'Recognized for'}{' '}
          {expired
            ? s.ends_on
            : `${s.hours_granted ?? 0} credit hours${s.ends_on ? `, until ${s.ends_on}` : ''}`}
          .
          {s.subject_kind === 'micro_credential' &&
            ` Only version ${s.micro_credential_version} is recognized.`}
        </p>
      )}
      {previous && (
        <p class="muted">
          Follows <a href={recognitionPaths.submission(slug, previous.public_id)}>{previous.public_id}</a>
          {previous.micro_credential_version !== null &&
            ` (version ${previous.micro_credential_version}, ${STATUS_LABELS[previous.status].toLowerCase()})`}
          .
        </p>
      )}
      {next.map((n) => (
        <p class="muted">
          Resubmitted as <a href={recognitionPaths.submission(slug, n.public_id)}>{n.public_id}</a>
          {n.micro_credential_version !== null && ` (version ${n.micro_credential_version})`}.
        </p>
      ))}
    </>
  );
}

function Thread({ side, canManage, submission: s, thread, csrfToken, formFor, stepUrl }: Props) {
  return (
    <section class="card" aria-labelledby="thread-h">
      <h2 id="thread-h">Thread</h2>
      <ol class="plain-list">
        {thread.map((t) => (
          <li class="quote">
            <p class="muted stack-1">
              {t.author_name ?? 'Cairn'} ({t.author_side === 'issuer' ? s.issuer_name : s.recognizer_name}) ·{' '}
              {t.kind.replace(/_/g, ' ')} · {t.created_at.toISOString().replace('T', ' ').slice(0, 16)} UTC
            </p>
            <p class="pre-wrap stack-1">{t.body}</p>
          </li>
        ))}
      </ol>
      {(side === 'issuer' || canManage) && (
        <form method="post" action={stepUrl('comment')} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary form={formFor('comment')} />
          <TextArea form={formFor('comment')} name="body" label="Comment" rows={3} />
          <button type="submit" class="secondary">
            Add comment
          </button>
        </form>
      )}
    </section>
  );
}

function ApproveForm({ submission: s, csrfToken, formFor, stepUrl }: Props) {
  const form = formFor('approve');
  const defaultHours = s.unit_rule === 'fixed' ? s.fixed_hours : s.credit_hours;
  return (
    <form method="post" action={stepUrl('approve')} class="stack" novalidate>
      <CsrfField token={csrfToken} />
      <ErrorSummary form={form} />
      <Field
        form={form}
        name="hours"
        label="Credit hours granted"
        value={defaultHours === null ? '' : String(defaultHours)}
        hint={
          s.unit_rule === 'fixed'
            ? `The program grants ${s.fixed_hours} h per micro-credential.`
            : 'The program counts the micro-credential’s own credit hours.'
        }
      />
      <div class="field">
        <label for="f-endsOn">End date (optional)</label>
        {form.errors.endsOn && (
          <span id="f-endsOn-error" class="error-text">
            {form.errors.endsOn}
          </span>
        )}
        <input
          id="f-endsOn"
          name="endsOn"
          type="date"
          value={form.values.endsOn ?? ''}
          aria-invalid={form.errors.endsOn ? 'true' : undefined}
        />
      </div>
      <TextArea form={form} name="approveNote" label="Approval note (optional)" rows={2} />
      <button type="submit">Approve</button>
    </form>
  );
}

function Decide(props: Props) {
  const { submission: s, csrfToken, formFor, stepUrl } = props;
  return (
    <section class="card">
      <h2>Decide</h2>
      <ApproveForm {...props} />
      {s.status === 'submitted' && (
        <form method="post" action={stepUrl('request-changes')} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary form={formFor('changes')} />
          <TextArea form={formFor('changes')} name="changes" label="Changes needed" rows={3} />
          <button type="submit" class="secondary">
            Request changes
          </button>
        </form>
      )}
      <form method="post" action={stepUrl('reject')} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <ErrorSummary form={formFor('reject')} />
        <TextArea form={formFor('reject')} name="reasons" label="Reasons for rejecting" rows={3} />
        <button type="submit" class="danger">
          Reject
        </button>
      </form>
    </section>
  );
}

function Endorsement({
  canManage,
  submission: s,
  surroundings: { endorsements },
  csrfToken,
  formFor,
  stepUrl,
}: Props) {
  return (
    <section class="card">
      <h2>Endorsement</h2>
      {endorsements.length ? (
        <ul>
          {endorsements.map((e) => (
            <li>
              <a href={recognitionPaths.endorsement(e.public_id)}>Open Badges 3.0 EndorsementCredential</a>{' '}
              issued {day(e.created_at)}
              {e.revoked_at && ' (revoked)'}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Not endorsed yet.</p>
      )}
      {canManage && s.subject_kind === 'micro_credential' && !endorsements.some((e) => !e.revoked_at) && (
        <form method="post" action={stepUrl('endorse')} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <ErrorSummary form={formFor('endorse')} />
          <TextArea form={formFor('endorse')} name="comment" label="Endorsement text (optional)" rows={2} />
          <button type="submit">Issue endorsement</button>
        </form>
      )}
    </section>
  );
}

function NextStep({
  slug,
  submission: s,
  resubmitVersion,
  csrfToken,
  stepUrl,
  open,
}: Props & { open: boolean }) {
  return (
    <section class="card">
      <h2>Your next step</h2>
      {resubmitVersion !== null && (
        <p>
          <a class="button" href={stepUrl('resubmit')}>
            Resubmit version {resubmitVersion}
          </a>
        </p>
      )}
      {s.status === 'changes_requested' &&
        resubmitVersion === s.micro_credential_version &&
        s.mc_public_id && (
          <p class="muted">
            To change the micro-credential itself,{' '}
            <a href={`/orgs/${slug}/micro-credentials/${s.mc_public_id}`}>start a new version</a>, publish it,
            then resubmit that version.
          </p>
        )}
      {open && (
        <ActionButton
          action={stepUrl('withdraw')}
          csrfToken={csrfToken}
          label="Withdraw submission"
          variant="danger"
        />
      )}
    </section>
  );
}

/** One submission and its thread, as either side sees it (pure: everything comes in the model). */
export function SubmissionView(m: SubmissionModel) {
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
        <h2>Statement: how competency is verified and endorsed</h2>
        <p class="pre-wrap">{s.statement}</p>
      </section>
      <Thread {...props} />
      {m.canManage && open && <Decide {...props} />}
      {s.status === 'approved' && <Endorsement {...props} />}
      {m.isIssuer && (open || m.resubmitVersion !== null) && <NextStep {...props} open={open} />}
      {version && (
        <section class="card">
          <h2>The submitted version (version {version.version})</h2>
          <MicroCredentialBody d={versionToDesign(version)} version={version.version} />
        </section>
      )}
    </>
  );
}
