import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, slugParam } from '../../../http/params.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { Actor } from '../../../domain/commands.ts';
import type { SubmissionStatus } from '../../../storage/schema.ts';
import { TableHead } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { SUBMISSION_STATUSES } from '../commands/submissionSteps.ts';
import { recognitionPaths } from '../paths.ts';
import type { SubmissionView } from '../queries/submissions.ts';

export type C = Context<AppEnv>;
export const actorOf = (c: C): Actor => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
/** `/orgs/:slug/…` */
export const orgParams = z.object({ slug: slugParam });
/** `/orgs/:slug/…/:id` (a program or a submission). */
export const itemParams = z.object({ slug: slugParam, id: publicIdParam });
/** Every submission status, in the order the queue's filter lists them. */
export const STATUSES: readonly SubmissionStatus[] = SUBMISSION_STATUSES;
/** A date column's text (YYYY-MM-DD) as a Date, to write with date(). */
export const dayOf = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);

/** What was submitted, in words: a micro-credential with its version, or a pathway's or stack's name. */
export function subjectTitle(
  t: Translator['t'],
  s: Pick<SubmissionView, 'subject_name' | 'micro_credential_version'>,
): string {
  return s.micro_credential_version === null
    ? s.subject_name
    : t('recognition.versionTitle', { title: s.subject_name, version: s.micro_credential_version });
}

/** The chip tone (a class of the stylesheet's `.chip`) each submission status is shown in. */
const STATUS_TONES: Record<SubmissionStatus, string> = {
  submitted: 'info',
  changes_requested: 'warn',
  approved: 'ok',
  rejected: 'bad',
  withdrawn: 'neutral',
  superseded: 'neutral',
};

export function StatusTag({ status }: { status: SubmissionStatus }) {
  const { t } = useT();
  return (
    <span class={`chip ${STATUS_TONES[status]}`} data-status={status}>
      {t(`recognition.status.${status}`)}
    </span>
  );
}

/** The hours an approval grants, and until when. */
function Granted({ s }: { s: SubmissionView }) {
  const { t, number, date } = useT();
  const hours = number(s.hours_granted ?? 0);
  return (
    <>
      {' '}
      {s.ends_on
        ? t('recognition.table.approvedHoursUntil', { hours, until: date(dayOf(s.ends_on)) })
        : t('recognition.table.approvedHours', { hours })}
    </>
  );
}

export function SubmissionsTable({
  rows,
  slug,
  side,
}: {
  rows: SubmissionView[];
  slug: string;
  side: 'issuer' | 'recognizer';
}) {
  const { t, date } = useT();
  if (!rows.length) return <p class="muted">{t('recognition.table.empty')}</p>;
  return (
    <table>
      <TableHead
        columns={[
          t('recognition.table.submitted'),
          side === 'recognizer' ? t('recognition.table.issuer') : t('recognition.table.recognizer'),
          t('recognition.table.program'),
          t('recognition.table.status'),
          t('recognition.table.date'),
        ]}
      />
      <tbody>
        {rows.map((s) => (
          <tr>
            <td>
              <a href={recognitionPaths.submission(slug, s.public_id)}>{subjectTitle(t, s)}</a>
            </td>
            <td>{side === 'recognizer' ? s.issuer_name : s.recognizer_name}</td>
            <td>{s.program_name}</td>
            <td>
              <StatusTag status={s.status} />
              {s.status === 'approved' && <Granted s={s} />}
            </td>
            <td>{date(s.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
