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
import { commandMessage } from '../../../../web/i18n/commandMessages.ts';
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
  if (!body.length) throw invalid({ roster: commandMessage('errors.recognition.roster.noAttendees') });
  if (body.length > MAX_ROSTER_ROWS)
    throw invalid({
      roster: commandMessage('errors.recognition.roster.tooMany', { max: String(MAX_ROSTER_ROWS) }),
    });
  const badEmails: number[] = [];
  const noNames: number[] = [];
  const rows = body.map((cells, i) => {
    const line = i + (hasHeader ? 2 : 1);
    const name = (nameAt >= 0 ? (cells[nameAt] ?? '') : '').trim();
    const address = email.safeParse(cells[emailAt] ?? '');
    if (!address.success) badEmails.push(line);
    if (!name) noNames.push(line);
    return { name, email: address.success ? address.data : '' };
  });
  if (badEmails.length || noNames.length)
    throw invalid(
      { roster: rosterProblem(badEmails, noNames) },
      commandMessage('errors.recognition.roster.linesNeedAttention'),
    );
  return rows;
}

/** Line numbers as a list, the first ten of them (numbers read the same in every language). */
const lineList = (lines: number[]) => lines.slice(0, 10).join(', ') + (lines.length > 10 ? ', …' : '');

/** Which lines of the roster need an address or a name. */
function rosterProblem(badEmails: number[], noNames: number[]): string {
  if (!noNames.length)
    return commandMessage('errors.recognition.roster.badEmails', { lines: lineList(badEmails) });
  if (!badEmails.length)
    return commandMessage('errors.recognition.roster.noNames', { lines: lineList(noNames) });
  return commandMessage('errors.recognition.roster.badEmailsAndNoNames', {
    emailLines: lineList(badEmails),
    nameLines: lineList(noNames),
  });
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
    if (s.status !== 'approved') throw conflict(commandMessage('errors.recognition.roster.notApproved'));
    if (typeof csv !== 'string' || !csv.trim()) {
      const message = commandMessage('errors.recognition.roster.chooseFile');
      throw invalid({ roster: message }, message);
    }
    if (csv.length > MAX_ROSTER_CHARS)
      throw invalid({ roster: commandMessage('errors.recognition.roster.tooLarge') });
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
