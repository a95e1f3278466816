import type { Queryable } from '../../../storage/database.ts';
import { statusesOf, type CredentialStatus } from '../../issuing/index.ts';

export type BadgeStatus = CredentialStatus;
export type ClaimState = 'pending' | 'accepted' | 'declined';

/** A badge Cairn issued to the earner (to one of their confirmed addresses, or claimed by them). */
export interface IssuedBadge {
  id: number;
  publicId: string;
  name: string;
  /** The language `name` is written in: the Spanish edition's, or the issuer's (BCP 47). */
  nameLanguage: string;
  issuerName: string;
  issuedAt: Date;
  validUntil: Date | null;
  status: BadgeStatus;
  /** The claim's state; null when the credential has no claim (issued before claiming existed). */
  claim: ClaimState | null;
  private: boolean;
  /** The public page says "Issued to <name>" (the default). */
  showName: boolean;
  hasJwt: boolean;
  recipientEmail: string | null;
}

/** A badge's name for a reader, and its language: the Spanish edition's for a Spanish reader, where there is one. */
function nameForReader(
  r: { achievement_name: string; es_name: string | null; in_language: string | null },
  readerLocale: string,
): { name: string; nameLanguage: string } {
  if (readerLocale === 'es' && r.es_name !== null) return { name: r.es_name, nameLanguage: 'es' };
  return { name: r.achievement_name, nameLanguage: r.in_language ?? 'en' };
}

/**
 * The badges Cairn issued to this earner: sent to one of their confirmed addresses (unless
 * someone else claimed it) or claimed by them; newest first, with status, claim and privacy.
 * One query for the list (addresses, claims and privacy joined in) and one for all their statuses.
 * Names are the issuer's, or for a reader of Spanish the Spanish edition's where there is one.
 */
export async function issuedBadgesOf(
  db: Queryable,
  userId: number,
  now: Date,
  only: { credentialIds?: number[]; publicId?: string } = {},
  readerLocale = 'en',
): Promise<IssuedBadge[]> {
  if (only.credentialIds && only.credentialIds.length === 0) return [];
  const rows = await db
    .selectFrom('credentials as cr')
    .innerJoin('organisations as o', 'o.id', 'cr.organisation_id')
    .leftJoin('credential_privacy as p', 'p.credential_id', 'cr.id')
    .leftJoin('credential_claims as cl', 'cl.credential_id', 'cr.id')
    // A Spanish reader sees the Spanish edition's name where the issuer wrote one (issue 14).
    .leftJoin('micro_credential_versions as ev', (j) =>
      j
        .onRef('ev.micro_credential_id', '=', 'cr.micro_credential_id')
        .onRef('ev.version', '=', 'cr.micro_credential_version'),
    )
    .select(['ev.es_name', 'ev.in_language'])
    .select([
      'cr.id',
      'cr.public_id',
      'cr.achievement_name',
      'cr.issued_at',
      'cr.valid_until',
      'cr.jwt',
      'cr.recipient_email',
      'o.name as org_name',
      'p.private',
      'p.show_name',
      'cl.state as claim_state',
      'cl.user_id as claim_user_id',
    ])
    .where((eb) =>
      eb.or([
        eb('cl.user_id', '=', userId),
        // Addresses are stored normalised (lower case) on both sides, so the recipient index is used.
        eb(
          'cr.recipient_email',
          'in',
          eb
            .selectFrom('user_emails')
            .select('email')
            .where('user_id', '=', userId)
            .where('confirmed_at', 'is not', null),
        ),
      ]),
    )
    // Callers that want some badges (one page, one collection) ask the database for just those.
    .$if(only.credentialIds !== undefined, (q) => q.where('cr.id', 'in', only.credentialIds!))
    .$if(only.publicId !== undefined, (q) => q.where('cr.public_id', '=', only.publicId!))
    .orderBy('cr.issued_at', 'desc')
    .orderBy('cr.id', 'desc')
    .execute();
  // Accepted by another account (which also had the address confirmed): theirs, not mine.
  const mine = rows.filter(
    (r) => !(r.claim_state === 'accepted' && r.claim_user_id !== null && r.claim_user_id !== userId),
  );
  const statuses = await statusesOf(db, mine, now);
  return mine.map((r) => ({
    id: r.id,
    publicId: r.public_id,
    ...nameForReader(r, readerLocale),
    issuerName: r.org_name,
    issuedAt: r.issued_at,
    validUntil: r.valid_until,
    status: statuses.get(r.id) ?? 'valid',
    claim: r.claim_state ?? null,
    private: r.private === true,
    showName: r.show_name !== false,
    hasJwt: r.jwt !== null,
    recipientEmail: r.recipient_email,
  }));
}

/**
 * The signed documents (and VC-JWTs) of some credentials with the badge artwork of their
 * micro-credential version (null when the version has none), in one query.
 */
export async function credentialDocuments(
  db: Queryable,
  credentialIds: number[],
): Promise<
  Map<number, { document: string; jwt: string | null; png: Uint8Array | null; svg: string | null }>
> {
  if (!credentialIds.length) return new Map();
  const rows = await db
    .selectFrom('credentials as cr')
    .leftJoin('micro_credential_versions as v', (j) =>
      j
        .onRef('v.micro_credential_id', '=', 'cr.micro_credential_id')
        .onRef('v.version', '=', 'cr.micro_credential_version'),
    )
    .leftJoin('badge_images as i', 'i.id', 'v.image_id')
    .select(['cr.id', 'cr.document', 'cr.jwt', 'i.png', 'i.svg'])
    .where('cr.id', 'in', credentialIds)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { document: r.document, jwt: r.jwt, png: r.png ?? null, svg: r.svg ?? null }]),
  );
}

/** Keeps the earner's privacy choices for one credential (no row = public, name shown). */
export async function savePrivacy(
  db: Queryable,
  row: { credentialId: number; userId: number; now: Date } & (
    { private: boolean; showName?: undefined } | { showName: boolean; private?: undefined }
  ),
): Promise<void> {
  const base = { credential_id: row.credentialId, user_id: row.userId, updated_at: row.now };
  const change =
    row.private !== undefined ? { private: row.private } : { show_name: row.showName as boolean };
  await db
    .insertInto('credential_privacy')
    .values({ ...base, private: row.private ?? false, ...change })
    .onConflict((oc) =>
      oc.column('credential_id').doUpdateSet({ user_id: row.userId, updated_at: row.now, ...change }),
    )
    .execute();
}
