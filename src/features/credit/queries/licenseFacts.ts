import type { Queryable } from '../../../storage/database.ts';
import { recognitionsForCredential } from '../../recognition/index.ts';
import { creditFor, dayOf } from '../renewal.ts';

/**
 * licenseFactsForIssue for many recipients of one micro-credential version at once (bulk awards):
 * one recognition lookup and one license query for the whole batch, keyed by lower-cased email.
 */
export async function licenseFactsForMany(
  db: Queryable,
  v: {
    microCredentialId: number;
    version: number;
    issuedOn: Date | string;
    creditsAvailable?: number | null;
  },
  emails: string[],
): Promise<Map<string, { creditsEarned?: number; licenseNumber?: string }>> {
  const facts = new Map<string, { creditsEarned?: number; licenseNumber?: string }>();
  if (emails.length === 0) return facts;
  const recognitions = await recognitionsForCredential(
    db,
    { micro_credential_id: v.microCredentialId, micro_credential_version: v.version, pathway_id: null },
    dayOf(v.issuedOn),
  );
  if (recognitions.length === 0) return facts;
  const rows = await db
    .selectFrom('user_emails as e')
    .innerJoin('license_records as l', 'l.user_id', 'e.user_id')
    .innerJoin('recognition_programs as p', 'p.id', 'l.program_id')
    .select(['e.email', 'l.program_id', 'l.license_number', 'p.unit_rule', 'p.fixed_hours'])
    .where('e.confirmed_at', 'is not', null)
    .where('e.email', 'in', [...new Set(emails.map((x) => x.trim().toLowerCase()))])
    .where('l.state', '=', 'confirmed')
    .where(
      'l.program_id',
      'in',
      recognitions.map((r) => r.programId),
    )
    .execute();
  // As one by one: the first recognizing program (in recognition order) with a confirmed license counts.
  for (const r of recognitions) {
    for (const row of rows.filter((x) => x.program_id === r.programId && !facts.has(x.email))) {
      const hours = creditFor(
        { unitRule: row.unit_rule, fixedHours: row.fixed_hours },
        { hoursGranted: r.hoursGranted, creditsAvailable: v.creditsAvailable ?? null },
      );
      facts.set(row.email, {
        licenseNumber: row.license_number,
        ...(hours > 0 ? { creditsEarned: hours } : {}),
      });
    }
  }
  return facts;
}

/**
 * `creditsEarned` and `licenseNumber` for a credential about to be issued: when the recipient's
 * confirmed license is kept by a program recognizing this version on the issue day, the hours by
 * that program's rule (before any cycle cap) and the license number. Empty when not known.
 */
export async function licenseFactsForIssue(
  db: Queryable,
  v: {
    microCredentialId: number;
    version: number;
    recipientEmail: string | null | undefined;
    issuedOn: Date | string;
    creditsAvailable?: number | null;
  },
): Promise<{ creditsEarned?: number; licenseNumber?: string }> {
  if (!v.recipientEmail) return {};
  return (
    (await licenseFactsForMany(db, v, [v.recipientEmail])).get(v.recipientEmail.trim().toLowerCase()) ?? {}
  );
}
