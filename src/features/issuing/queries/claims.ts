import type { Queryable, Tx } from '../../../storage/database.ts';

// The claims of credentials sent to an email (credential_claims): read, offered, decided, renewed, reminded.

/** A claim as its page shows it. */
export interface ClaimView {
  credentialId: number;
  credentialPublicId: string;
  organisationId: number;
  badgeName: string;
  issuerName: string;
  recipientEmail: string;
  state: 'pending' | 'accepted' | 'declined';
  expiresAt: Date;
  /** The link is past its expiry (only matters while pending). */
  expired: boolean;
  userId: number | null;
}

function claimQuery(db: Queryable) {
  return db
    .selectFrom('credential_claims as cl')
    .innerJoin('credentials as cr', 'cr.id', 'cl.credential_id')
    .innerJoin('organisations as o', 'o.id', 'cr.organisation_id')
    .select([
      'cl.credential_id',
      'cl.state',
      'cl.expires_at',
      'cl.user_id',
      'cr.public_id',
      'cr.organisation_id',
      'cr.recipient_email',
      'cr.achievement_name',
      'o.name as org_name',
    ]);
}

type ClaimRow = Awaited<ReturnType<ReturnType<typeof claimQuery>['executeTakeFirstOrThrow']>>;

function toView(row: ClaimRow, now: Date): ClaimView {
  return {
    credentialId: row.credential_id,
    credentialPublicId: row.public_id,
    organisationId: row.organisation_id,
    badgeName: row.achievement_name,
    issuerName: row.org_name,
    recipientEmail: row.recipient_email ?? '',
    state: row.state,
    expiresAt: row.expires_at,
    expired: row.expires_at <= now,
    userId: row.user_id,
  };
}

/** The claim of a credential (by its row id); it must exist. */
export async function claimOf(db: Queryable, credentialId: number, now: Date): Promise<ClaimView> {
  return toView(
    await claimQuery(db).where('cl.credential_id', '=', credentialId).executeTakeFirstOrThrow(),
    now,
  );
}

/** The claim of a credential by the credential's public id, if it has one. */
export async function claimOfCredential(
  db: Queryable,
  credentialPublicId: string,
  now: Date,
): Promise<ClaimView | undefined> {
  const row = await claimQuery(db).where('cr.public_id', '=', credentialPublicId).executeTakeFirst();
  return row ? toView(row, now) : undefined;
}

/** The claim behind a link hash (first email or reminder), whatever its state. */
export async function claimByTokenHash(
  db: Queryable,
  hash: string,
  now: Date,
): Promise<ClaimView | undefined> {
  const row = await claimQuery(db)
    .where((eb) => eb.or([eb('cl.token_hash', '=', hash), eb('cl.reminder_token_hash', '=', hash)]))
    .executeTakeFirst();
  return row ? toView(row, now) : undefined;
}

/** Locks the claim behind a link hash (FOR UPDATE); its credential's row id, if any. */
export async function lockClaimByTokenHash(tx: Tx, hash: string): Promise<number | undefined> {
  const row = await tx
    .selectFrom('credential_claims')
    .select('credential_id')
    .where((eb) => eb.or([eb('token_hash', '=', hash), eb('reminder_token_hash', '=', hash)]))
    .forUpdate()
    .executeTakeFirst();
  return row?.credential_id;
}

/** Locks a credential's claim (FOR UPDATE). */
export async function lockClaim(tx: Tx, credentialId: number): Promise<void> {
  await tx
    .selectFrom('credential_claims')
    .select('credential_id')
    .where('credential_id', '=', credentialId)
    .forUpdate()
    .execute();
}

/** A new claim: pending (a link emailed), or accepted at once by the account that earned it. */
export async function insertClaim(
  db: Queryable,
  claim: {
    credentialId: number;
    tokenHash: string;
    expiresAt: Date;
    acceptedBy?: number;
    now: Date;
  },
): Promise<void> {
  const accepted = claim.acceptedBy !== undefined;
  await db
    .insertInto('credential_claims')
    .values({
      credential_id: claim.credentialId,
      token_hash: claim.tokenHash,
      expires_at: claim.expiresAt,
      state: accepted ? 'accepted' : 'pending',
      ...(accepted ? { user_id: claim.acceptedBy, decided_at: claim.now } : {}),
      created_at: claim.now,
    })
    .execute();
}

/** Accepts or declines a pending claim; false when it was no longer pending. */
export async function markClaimDecided(
  tx: Tx,
  credentialId: number,
  state: 'accepted' | 'declined',
  owner: number | null,
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .updateTable('credential_claims')
    .set({ state, user_id: owner, decided_at: now })
    .where('credential_id', '=', credentialId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Replaces a pending claim's links (the one with `oldHash`) by a fresh one; false when it no longer matched. */
export async function renewClaimToken(
  tx: Tx,
  credentialId: number,
  oldHash: string,
  fresh: { tokenHash: string; expiresAt: Date },
): Promise<boolean> {
  const updated = await tx
    .updateTable('credential_claims')
    .set({ token_hash: fresh.tokenHash, reminder_token_hash: null, expires_at: fresh.expiresAt })
    .where('credential_id', '=', credentialId)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('token_hash', '=', oldHash), eb('reminder_token_hash', '=', oldHash)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Pending claims offered before `offeredBefore`, not reminded yet, whose link still works (oldest first). */
export async function claimsDueForReminder(
  db: Queryable,
  offeredBefore: Date,
  now: Date,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('credential_claims')
    .select('credential_id')
    .where('state', '=', 'pending')
    .where('created_at', '<=', offeredBefore)
    .where('reminded_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.credential_id);
}

/** Marks a claim reminded with the reminder link's hash, only once; its expiry, or undefined if not due. */
export async function markReminded(
  tx: Tx,
  credentialId: number,
  reminderHash: string,
  now: Date,
): Promise<Date | undefined> {
  const row = await tx
    .updateTable('credential_claims')
    .set({ reminded_at: now, reminder_token_hash: reminderHash })
    .where('credential_id', '=', credentialId)
    .where('state', '=', 'pending')
    .where('reminded_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('expires_at')
    .executeTakeFirst();
  return row?.expires_at;
}

/** A badge waiting for the user to accept or decline it. */
export interface PendingClaim {
  credentialPublicId: string;
  badgeName: string;
  issuerName: string;
  recipientEmail: string;
  issuedAt: Date;
  linkExpiresAt: Date;
}

/** Pending badges sent to any confirmed address of the user, newest first. */
export async function pendingClaimsFor(db: Queryable, userId: number): Promise<PendingClaim[]> {
  const rows = await db
    .selectFrom('credential_claims as cl')
    .innerJoin('credentials as cr', 'cr.id', 'cl.credential_id')
    .innerJoin('organisations as o', 'o.id', 'cr.organisation_id')
    .innerJoin('user_emails as e', (j) =>
      j
        .onRef('e.email', '=', 'cr.recipient_email')
        .on('e.user_id', '=', userId)
        .on('e.confirmed_at', 'is not', null),
    )
    .select([
      'cr.public_id',
      'cr.achievement_name',
      'cr.recipient_email',
      'cr.issued_at',
      'cl.expires_at',
      'o.name as org_name',
    ])
    .where('cl.state', '=', 'pending')
    .orderBy('cr.issued_at', 'desc')
    .orderBy('cr.id', 'desc')
    .execute();
  return rows.map((r) => ({
    credentialPublicId: r.public_id,
    badgeName: r.achievement_name,
    issuerName: r.org_name,
    recipientEmail: r.recipient_email ?? '',
    issuedAt: r.issued_at,
    linkExpiresAt: r.expires_at,
  }));
}

/** The name of the organisation a claim's credential comes from (for its emails). */
export async function organisationName(db: Queryable, organisationId: number): Promise<string> {
  const row = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return row.name;
}

/** Confirms a user's existing address (the claim link proved it). */
export async function confirmAddress(tx: Tx, emailRowId: number, now: Date): Promise<void> {
  await tx.updateTable('user_emails').set({ confirmed_at: now }).where('id', '=', emailRowId).execute();
}

/** Adds a confirmed address to a user (the claim link proved it); primary for a new account. */
export async function addConfirmedAddress(
  tx: Tx,
  userId: number,
  email: string,
  now: Date,
  options: { primary?: boolean } = {},
): Promise<void> {
  await tx
    .insertInto('user_emails')
    .values({
      user_id: userId,
      email,
      confirmed_at: now,
      created_at: now,
      ...(options.primary ? { is_primary: true } : {}),
    })
    .execute();
}

/** A new account made from a claim link. */
export async function insertClaimant(
  tx: Tx,
  user: { publicId: string; name: string; passwordHash: string; now: Date },
): Promise<{ id: number; public_id: string }> {
  return tx
    .insertInto('users')
    .values({
      public_id: user.publicId,
      name: user.name,
      password_hash: user.passwordHash,
      created_at: user.now,
      updated_at: user.now,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
}
