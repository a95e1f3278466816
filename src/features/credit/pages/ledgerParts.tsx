import type { Context } from 'hono';
import { z } from 'zod';
import { publicIdParam, slugParam } from '../../../http/params.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import type { Actor } from '../../../domain/commands.ts';
import { TableHead } from '../../../web/forms.tsx';
import { recognitionPaths } from '../../recognition/index.ts';
import { ledgerPaths, outsidePaths } from '../paths.ts';
import type { LicenseView } from '../queries/creditLedger.ts';

export type C = Context<AppEnv>;
export const actorOf = (c: C): Actor => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
/** Path parameters of the recognizer's pages: the organisation, and one of its things. */
export const orgParams = z.object({ slug: slugParam });
export const orgItemParams = z.object({ slug: slugParam, id: publicIdParam });
export const day = (d: Date) => d.toISOString().slice(0, 10);
export const hours = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0$/, '')} h`;
export const STATE_LABELS = {
  pending: 'Waiting for confirmation',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
} as const;

export function RecognitionNav({ slug }: { slug: string }) {
  return (
    <p>
      <a href={ledgerPaths.notices(slug)}>Completion notices</a> ·{' '}
      <a href={ledgerPaths.licenses(slug)}>License links</a> · <a href={ledgerPaths.roster(slug)}>Roster</a> ·{' '}
      <a href={recognitionPaths.programs(slug)}>Programs</a> ·{' '}
      <a href={recognitionPaths.queue(slug)}>Approval queue</a>
    </p>
  );
}

export function Progress({ license }: { license: LicenseView }) {
  const p = license.progress;
  return (
    <p>
      Cycle {p.cycle.start} to {p.cycle.last}: <strong>{hours(p.earned)}</strong> of {hours(p.required)}{' '}
      earned
      <progress
        value={Math.max(0, p.earned)}
        max={p.required || 1}
        aria-label={`${license.program.licenseName} renewal progress`}
        class="ms-2"
      />
      {p.met ? ' — requirement met.' : ` — ${hours(p.shortfall)} to go.`}
    </p>
  );
}

export function Entries({ license }: { license: LicenseView }) {
  if (license.entries.length === 0) return <p class="muted">No credit yet.</p>;
  return (
    <table>
      <caption>Credit ledger (entries are never edited: a revoked credential gets a reversal entry)</caption>
      <TableHead columns={['Date', 'Credential', 'Issuer', 'Cycle', 'Hours', 'Entry']} />
      <tbody>
        {license.entries.map((e) => (
          <tr>
            <td>{day(e.createdAt)}</td>
            <td>
              <a href={outsidePaths.badge(e.credentialPublicId)}>{e.credentialName}</a>
              {e.revoked && <span class="tag">Revoked</span>}
            </td>
            <td>{e.issuerName}</td>
            <td>{e.cycleStart}</td>
            <td>{hours(e.hours)}</td>
            <td>
              {e.kind === 'credit' ? 'Credit' : 'Reversal'} —{' '}
              {e.postedBy ? `posted by ${e.postedBy}` : 'by rule'}
              {e.reason ? `. ${e.reason}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
