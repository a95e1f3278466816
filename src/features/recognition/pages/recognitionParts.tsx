import type { Context } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { Actor } from '../../../domain/commands.ts';
import type { SubmissionStatus } from '../../../storage/schema.ts';
import { TableHead } from '../../../web/forms.tsx';
import { STATUS_LABELS } from '../commands/submissionSteps.ts';
import { recognitionPaths } from '../paths.ts';
import type { SubmissionView } from '../queries/submissions.ts';

export type C = Context<AppEnv>;
export const actorOf = (c: C): Actor => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
export const slugOf = (c: C) => c.req.param('slug') ?? '';
export const idOf = (c: C) => c.req.param('id') ?? '';
export const day = (d: Date) => d.toISOString().slice(0, 10);
export const STATUSES = Object.keys(STATUS_LABELS) as SubmissionStatus[];
export { STATUS_LABELS };

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
  return (
    <span class={`chip ${STATUS_TONES[status]}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
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
  if (!rows.length) return <p class="muted">No submissions here.</p>;
  return (
    <table>
      <TableHead
        columns={['Submitted', side === 'recognizer' ? 'Issuer' : 'Recognizer', 'Program', 'Status', 'Date']}
      />
      <tbody>
        {rows.map((s) => (
          <tr>
            <td>
              <a href={recognitionPaths.submission(slug, s.public_id)}>{s.title}</a>
            </td>
            <td>{side === 'recognizer' ? s.issuer_name : s.recognizer_name}</td>
            <td>{s.program_name}</td>
            <td>
              <StatusTag status={s.status} />
              {s.status === 'approved' &&
                ` ${s.hours_granted ?? 0} h${s.ends_on ? ` until ${s.ends_on}` : ''}`}
            </td>
            <td>{day(s.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
