import { z } from 'zod';
import { conflict, forbidden, invalid } from '../../../../domain/errors.ts';
import { CsvError, parseCsvText } from '../../../../domain/csv.ts';
import { publicId } from '../../../../domain/ids.ts';
import { appLink, type CommandDeps } from '../../../../domain/commands.ts';
import type { JobDeps } from '../../../../jobs/definition.ts';
import { inTransaction } from '../../../../storage/database.ts';
import { queueMail } from '../../../../mail/outbox.ts';
import { inviteAttendees } from '../jobTypes.ts';
import { invitationMail } from '../mail.tsx';
import { isLocale } from '../../../../web/i18n/i18n.ts';
import { invitationPath } from '../paths.ts';
import {
  insertInvitations,
  markInvitationsSent,
  queuedInvitations,
  sessionById,
} from '../queries/sessions.ts';
import { auditSession } from './sessionAccess.ts';
import { sessionStep, type SessionStepTarget } from './decideSession.ts';

/** The largest roster (characters) one upload may be. */
const MAX_ROSTER_CHARS = 1_000_000;
/** The most attendees one upload may name. */
export const MAX_ROSTER_ROWS = 2000;
const email = z.string().trim().toLowerCase().email().max(320);

/** The roster's rows (name, email; a header line is optional), or the lines that are wrong. */
export function rosterRows(csv: string): Array<{ name: string; email: string }> {
  let records: string[][];
  try {
    records = parseCsvText(csv, { maxFields: 20, maxRecordSize: 10_000 });
  } catch (err) {
    if (err instanceof CsvError) throw invalid({ roster: err.message }, err.message);
    throw err;
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const hasHeader = header.includes('email');
  const nameAt = hasHeader ? header.indexOf('name') : 0;
  const emailAt = hasHeader ? header.indexOf('email') : 1;
  const body = hasHeader ? records.slice(1) : records;
  if (!body.length)
    throw invalid({ roster: 'The file has no attendees: one line per attendee, name then email.' });
  if (body.length > MAX_ROSTER_ROWS)
    throw invalid({ roster: `Upload at most ${MAX_ROSTER_ROWS} attendees at a time.` });
  const problems: string[] = [];
  const rows = body.map((cells, i) => {
    const line = i + (hasHeader ? 2 : 1);
    const name = (nameAt >= 0 ? (cells[nameAt] ?? '') : '').trim();
    const address = email.safeParse(cells[emailAt] ?? '');
    if (!address.success)
      problems.push(`line ${line}: “${(cells[emailAt] ?? '').trim()}” is not an email address`);
    if (!name) problems.push(`line ${line}: the name is empty`);
    return { name, email: address.success ? address.data : '' };
  });
  if (problems.length) {
    const shown = problems.slice(0, 10).join('; ');
    const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : '';
    throw invalid(
      { roster: `Nothing was uploaded. Fix ${shown}${more}.` },
      'Some roster lines need attention.',
    );
  }
  return rows;
}

/**
 * The provider uploads its attendee roster for an approved session: each new address is stored
 * and invited by email (a job, through the mail outbox); an address already on the roster is not
 * invited twice.
 */
export async function uploadRoster(
  deps: CommandDeps,
  { csv, ...target }: SessionStepTarget & { csv: unknown },
): Promise<{ added: number; alreadyInvited: number }> {
  const now = deps.clock.now();
  return sessionStep(deps, target, async (tx, s, who) => {
    if (!who.provider) throw forbidden();
    if (s.status !== 'approved')
      throw conflict('Upload the roster once the council has approved the session.');
    if (typeof csv !== 'string' || !csv.trim())
      throw invalid({ roster: 'Choose the roster’s CSV file.' }, 'Choose the roster’s CSV file.');
    if (csv.length > MAX_ROSTER_CHARS)
      throw invalid({ roster: 'The roster is larger than 1 MB: split it into several files.' });
    const rows = rosterRows(csv);
    const unique = [...new Map(rows.map((r) => [r.email, r])).values()];
    const added = await insertInvitations(
      tx,
      unique.map((r) => ({
        public_id: publicId('inv'),
        session_id: s.id,
        ...r,
        created_by: target.actor.userId,
        created_at: now,
      })),
    );
    if (added > 0) await inviteAttendees.enqueue(tx, { sessionId: s.id }, now);
    await auditSession(tx, s, target.actor, 'roster_uploaded', { added, rows: rows.length }, now);
    return { added, alreadyInvited: rows.length - added };
  });
}

/** The job: emails every attendee of the session not invited yet, in one transaction with marking them sent. */
export async function sendInvitations(
  deps: Pick<JobDeps, 'db' | 'clock' | 'config'>,
  sessionId: number,
): Promise<number> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const s = await sessionById(tx, sessionId);
    if (s.status !== 'approved') return 0;
    const pending = await queuedInvitations(tx, sessionId);
    const link = appLink(deps.config, invitationPath(s.council_slug, s.mc_slug, s.public_id));
    for (const invitation of pending) {
      const mail = invitationMail({
        name: invitation.name,
        sessionTitle: s.title,
        providerName: s.provider_name,
        councilName: s.council_name,
        badgeTitle: s.mc_title,
        link,
        // In the language the attendee chose, when the address is an account's (else English).
        ...(isLocale(invitation.locale) ? { locale: invitation.locale } : {}),
      });
      await queueMail(tx, invitation.email, mail, now, { organisationId: s.provider_organisation_id });
    }
    await markInvitationsSent(
      tx,
      pending.map((i) => i.id),
      now,
    );
    if (pending.length === 1000) await inviteAttendees.enqueue(tx, { sessionId }, now);
    return pending.length;
  });
}
