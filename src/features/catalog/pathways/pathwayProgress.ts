import { evaluate, mentionedMicroCredentials, type Progress, type Requirement } from './pathway.ts';
import { getBit } from '../../../credentials/bitstringStatusList.ts';
import type { Queryable } from '../../../storage/database.ts';

/** Which of these credentials are revoked (their revocation bit is set). */
export async function revokedAmong(db: Queryable, credentialIds: number[]): Promise<Set<number>> {
  if (!credentialIds.length) return new Set();
  const rows = await db
    .selectFrom('status_entries as e')
    .innerJoin('status_lists as l', 'l.id', 'e.status_list_id')
    .select(['e.credential_id', 'l.bits', 'e.list_index'])
    .where('l.purpose', '=', 'revocation')
    .where('e.credential_id', 'in', credentialIds)
    .execute();
  return new Set(rows.filter((r) => getBit(r.bits, r.list_index)).map((r) => r.credential_id));
}

/** The live (not revoked) catalog credentials an earner holds with an organisation: micro-credential public id → issue date. */
export async function holdings(
  db: Queryable,
  organisationId: number,
  emails: string[],
): Promise<Map<string, Date>> {
  if (!emails.length) return new Map();
  const rows = await db
    .selectFrom('credentials as c')
    .innerJoin('micro_credentials as m', 'm.id', 'c.micro_credential_id')
    .select(['c.id', 'm.public_id', 'c.issued_at'])
    .where('c.organisation_id', '=', organisationId)
    .where('c.recipient_email', 'in', emails)
    .execute();
  const revoked = await revokedAmong(
    db,
    rows.map((r) => r.id),
  );
  const held = new Map<string, Date>();
  for (const r of rows) {
    if (revoked.has(r.id)) continue;
    const earlier = held.get(r.public_id);
    if (!earlier || r.issued_at < earlier) held.set(r.public_id, r.issued_at);
  }
  return held;
}

export interface PathwayProgress {
  pathway: { publicId: string; slug: string; name: string; organisation: string };
  progress: Progress;
}

/** An earner's progress on every pathway that counts a micro-credential they hold (“3 of 5”). */
export async function pathwayProgress(db: Queryable, emails: string[]): Promise<PathwayProgress[]> {
  if (!emails.length) return [];
  const orgs = await db
    .selectFrom('credentials')
    .select('organisation_id')
    .distinct()
    .where('recipient_email', 'in', emails)
    .where('micro_credential_id', 'is not', null)
    .execute();
  const out: PathwayProgress[] = [];
  for (const { organisation_id } of orgs) {
    const held = await holdings(db, organisation_id, emails);
    const pathways = await db
      .selectFrom('pathways as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['p.public_id', 'p.slug', 'p.name', 'p.requirement', 'o.name as organisation'])
      .where('p.organisation_id', '=', organisation_id)
      .execute();
    const byId = new Map(pathways.map((p) => [p.public_id, p.requirement as Requirement]));
    for (const p of pathways) {
      const req = p.requirement as Requirement;
      if (![...mentionedMicroCredentials(req, byId)].some((id) => held.has(id))) continue;
      out.push({
        pathway: { publicId: p.public_id, slug: p.slug, name: p.name, organisation: p.organisation },
        progress: evaluate(req, held, byId),
      });
    }
  }
  return out;
}
