import { z } from 'zod';
import { conflict, invalid } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { slugify } from '../../accounts/index.ts';
import { ACHIEVEMENT_TYPES } from '../microCredential.ts';
import {
  evaluate,
  mentionedMicroCredentials,
  requirementSchema,
  type Progress,
  type Requirement,
} from './pathway.ts';
import { parseInput } from '../../../domain/validation.ts';
import { getBit } from '../../../credentials/bitstringStatusList.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireMember } from '../../accounts/index.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

export const pathwayInput = z.object({
  name: z.string().trim().min(2, 'Name the pathway.').max(200),
  slug: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,80}$/)
      .optional(),
  ),
  description: z.string().trim().max(5000).default(''),
  achievementType: z.enum(ACHIEVEMENT_TYPES).default('Certificate'),
  requirement: requirementSchema,
});

function ids(req: Requirement, kind: 'microCredential' | 'pathway'): string[] {
  if (req.type === kind) return [req.id];
  return 'items' in req ? req.items.flatMap((i) => ids(i, kind)) : [];
}

/** Creates a pathway: a requirement tree over this organisation's micro-credentials and pathways that awards a higher credential. */
export async function savePathway(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  input: unknown,
): Promise<{ publicId: string; slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'catalog.design');
    const v = parseInput(pathwayInput, input);
    const mcIds = [...new Set(ids(v.requirement, 'microCredential'))];
    const pathwayIds = [...new Set(ids(v.requirement, 'pathway'))];
    const foundMc = mcIds.length
      ? await tx
          .selectFrom('micro_credentials')
          .select('public_id')
          .where('organisation_id', '=', organisation.id)
          .where('public_id', 'in', mcIds)
          .execute()
      : [];
    const foundPw = pathwayIds.length
      ? await tx
          .selectFrom('pathways')
          .select('public_id')
          .where('organisation_id', '=', organisation.id)
          .where('public_id', 'in', pathwayIds)
          .execute()
      : [];
    if (foundMc.length !== mcIds.length || foundPw.length !== pathwayIds.length)
      throw invalid({
        requirement: 'The requirement names micro-credentials or pathways this organisation does not have.',
      });
    const slug = v.slug ?? slugify(v.name).slice(0, 80);
    if (
      await tx
        .selectFrom('pathways')
        .select('id')
        .where('organisation_id', '=', organisation.id)
        .where('slug', '=', slug)
        .executeTakeFirst()
    )
      throw conflict('That pathway address is taken.', { slug: `“${slug}” is taken.` });
    const row = await tx
      .insertInto('pathways')
      .values({
        public_id: publicId('pw'),
        organisation_id: organisation.id,
        slug,
        name: v.name,
        description: v.description,
        achievement_type: v.achievementType,
        requirement: JSON.stringify(v.requirement),
        created_at: now,
        updated_at: now,
      })
      .returning(['public_id', 'slug'])
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'pathway.created',
        subjectType: 'pathway',
        subjectId: row.public_id,
        data: { name: v.name },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id, slug: row.slug };
  });
}

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
