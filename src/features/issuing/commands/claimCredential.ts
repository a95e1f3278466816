import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { DAY } from '../../../domain/clock.ts';
import { hashToken, newSecretToken } from '../../../domain/ids.ts';
import type { Config } from '../../../config.ts';
import { inTransaction, type Queryable, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { emailsOf, findUserByConfirmedEmail } from '../../../storage/users.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { claimOfferMail } from '../mail.tsx';
import { appLink, type Actor, type CommandDeps } from '../../../domain/commands.ts';

/** How long an emailed claim link works (a fresh one can be asked for afterwards). */
export const CLAIM_LINK_DAYS = 30;
/** A pending claim gets one reminder this many days after it was offered. */
export const CLAIM_REMINDER_DAYS = 7;
/** An account holds at most this many addresses (as in manageEmails). */
const MAX_ADDRESSES = 10;

export type ClaimDecision = 'accept' | 'decline';

/** What issuing knows about the new credential. */
export interface OfferedCredential {
  id: number;
  public_id: string;
  organisation_id: number;
  recipient_email: string | null;
  achievement_name: string;
}

/** The claim link for a secret. */
export function claimLink(config: Config, token: string): string {
  return appLink(config, `/claim/${token}`);
}

export async function claimMailData(
  db: Queryable,
  config: Config,
  c: { organisation_id: number; recipient_email: string; achievement_name: string },
  token: string,
  expiresAt: Date,
  now: Date,
) {
  const organisation = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', c.organisation_id)
    .executeTakeFirstOrThrow();
  const holder = await findUserByConfirmedEmail(db, c.recipient_email);
  return {
    name: holder?.name ?? null,
    badgeName: c.achievement_name,
    issuerName: organisation.name,
    link: claimLink(config, token),
    expiresInDays: Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / DAY)),
  };
}

/**
 * Offers a newly issued credential to its recipient: a pending claim with a single-use, expiring
 * link, emailed through the outbox. Runs inside the issuing transaction, so a claim and its email
 * exist exactly when the credential does. Credentials without a recipient email get no claim.
 * A credential earned by an account through its own application is accepted for it at once
 * (`acceptedByUserId`): no link, no email.
 */
export async function offerClaim(
  tx: Queryable,
  deps: { config: Config },
  credential: OfferedCredential,
  now: Date,
  actorUserId: number | null = null,
  options: { acceptedByUserId?: number } = {},
): Promise<{ token: string } | null> {
  const email = credential.recipient_email;
  if (!email) return null;
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + CLAIM_LINK_DAYS * DAY);
  if (options.acceptedByUserId !== undefined) {
    // Earned by this account through the earning loop: the badge is its own already, so there is
    // nothing to accept and no claim email (the earner was told "You earned …").
    await tx
      .insertInto('credential_claims')
      .values({
        credential_id: credential.id,
        token_hash: hashToken(token),
        expires_at: expiresAt,
        state: 'accepted',
        user_id: options.acceptedByUserId,
        decided_at: now,
        created_at: now,
      })
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: credential.organisation_id,
        actorUserId,
        action: 'claim.accepted',
        subjectType: 'credential',
        subjectId: credential.public_id,
        data: { recipient: email, via: 'earned' },
      },
      now,
    );
    return null;
  }
  await tx
    .insertInto('credential_claims')
    .values({
      credential_id: credential.id,
      token_hash: hashToken(token),
      expires_at: expiresAt,
      state: 'pending',
      created_at: now,
    })
    .execute();
  const mail = claimOfferMail(
    await claimMailData(tx, deps.config, { ...credential, recipient_email: email }, token, expiresAt, now),
  );
  await queueMail(tx, email, mail, now, { organisationId: credential.organisation_id });
  await recordAudit(
    tx,
    {
      organisationId: credential.organisation_id,
      actorUserId,
      action: 'claim.offered',
      subjectType: 'credential',
      subjectId: credential.public_id,
      data: { recipient: email },
    },
    now,
  );
  return { token };
}

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

export function claimQuery(db: Queryable) {
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

export function toView(row: ClaimRow, now: Date): ClaimView {
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

/** The claim behind a link (first email or reminder), whatever its state; undefined if unknown. */
export async function findClaimByToken(
  db: Queryable,
  token: string,
  now: Date,
): Promise<ClaimView | undefined> {
  const hash = hashToken(token);
  const row = await claimQuery(db)
    .where((eb) => eb.or([eb('cl.token_hash', '=', hash), eb('cl.reminder_token_hash', '=', hash)]))
    .executeTakeFirst();
  return row ? toView(row, now) : undefined;
}

export const unknownLink = () =>
  new AppError(
    'token_invalid',
    'This claim link is not valid. Use the newest link from your email, or log in: badges sent to your confirmed addresses can be claimed from your account.',
  );

/** The claim behind a link, locked, if it can still be decided through the link. */
export async function openClaimForUpdate(tx: Tx, token: string, now: Date): Promise<ClaimView> {
  const hash = hashToken(token);
  const locked = await tx
    .selectFrom('credential_claims')
    .select('credential_id')
    .where((eb) => eb.or([eb('token_hash', '=', hash), eb('reminder_token_hash', '=', hash)]))
    .forUpdate()
    .executeTakeFirst();
  if (!locked) throw unknownLink();
  const claim = toView(
    await claimQuery(tx).where('cl.credential_id', '=', locked.credential_id).executeTakeFirstOrThrow(),
    now,
  );
  if (claim.state !== 'pending')
    throw conflict(
      `This badge was already ${claim.state === 'accepted' ? 'accepted' : 'declined'}: the link cannot be used again.`,
    );
  if (claim.expired)
    throw new AppError(
      'token_invalid',
      'This claim link has expired. Ask for a new one: it goes to the same address.',
    );
  return claim;
}

/**
 * Who may take a badge sent to `email` through its link. A confirmed address of the user: yes.
 * An address confirmed on another account: no. Otherwise the link itself proves the person
 * reads that mailbox (as a confirmation link does), so the address is confirmed on (or added
 * to) the user's account. Returns whether the account changed.
 */
async function ensureAddressThroughLink(tx: Tx, actor: Actor, email: string, now: Date): Promise<boolean> {
  const mine = await emailsOf(tx, actor.userId);
  const own = mine.find((e) => e.email === email);
  if (own?.confirmed_at) return false;
  const other = await findUserByConfirmedEmail(tx, email);
  if (other)
    throw new AppError(
      'forbidden',
      `This badge was sent to ${email}, which belongs to another Cairn account. Log in to that account to accept it.`,
    );
  if (own) {
    await tx.updateTable('user_emails').set({ confirmed_at: now }).where('id', '=', own.id).execute();
  } else {
    if (mine.length >= MAX_ADDRESSES)
      throw conflict(
        `Your account already holds ${MAX_ADDRESSES} addresses. Remove one on your profile, then accept the badge.`,
      );
    await tx
      .insertInto('user_emails')
      .values({ user_id: actor.userId, email, confirmed_at: now, created_at: now })
      .execute();
  }
  await recordAudit(
    tx,
    {
      organisationId: null,
      actorUserId: actor.userId,
      action: 'user.email_confirmed',
      subjectType: 'email',
      subjectId: email,
      data: { via: 'claim' },
      ip: actor.ip,
    },
    now,
  );
  return true;
}

/** Records the decision; `owner` is the account the badge now belongs to (or that declined it as its own). */
async function recordDecision(
  tx: Tx,
  claim: ClaimView,
  decision: ClaimDecision,
  actor: Actor | null,
  owner: number | null,
  now: Date,
): Promise<void> {
  const state = decision === 'accept' ? 'accepted' : 'declined';
  const updated = await tx
    .updateTable('credential_claims')
    .set({ state, user_id: owner, decided_at: now })
    .where('credential_id', '=', claim.credentialId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw conflict('This badge was already accepted or declined.');
  await recordAudit(
    tx,
    {
      organisationId: claim.organisationId,
      actorUserId: actor?.userId ?? null,
      action: `claim.${state}`,
      subjectType: 'credential',
      subjectId: claim.credentialPublicId,
      data: { recipient: claim.recipientEmail },
      ip: actor?.ip ?? null,
    },
    now,
  );
}

/**
 * Accepts or declines a badge through its emailed link. Accepting needs a logged-in user and
 * links the badge to the account (see ensureAddressThroughLink); declining needs only the link.
 * Either way the link is used up. The credential itself never changes: it verifies regardless.
 */
export async function decideClaimWithToken(
  deps: CommandDeps,
  actor: Actor | null,
  token: string,
  decision: ClaimDecision,
): Promise<ClaimView & { addressAdded: boolean }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const claim = await openClaimForUpdate(tx, token, now);
    let addressAdded = false;
    let owner: number | null = null;
    if (decision === 'accept') {
      if (!actor) throw new AppError('unauthenticated', 'Log in or create an account to accept this badge.');
      addressAdded = await ensureAddressThroughLink(tx, actor, claim.recipientEmail, now);
      owner = actor.userId;
    } else if (
      actor &&
      (await emailsOf(tx, actor.userId)).some((e) => e.email === claim.recipientEmail && e.confirmed_at)
    ) {
      // A decline is tied to an account only when the address is a confirmed one of it.
      owner = actor.userId;
    }
    await recordDecision(tx, claim, decision, actor, owner, now);
    return { ...claim, state: decision === 'accept' ? 'accepted' : 'declined', addressAdded };
  });
}

/**
 * Accepts or declines a pending badge without the link (from the earner's badge list): the badge
 * must have been sent to a confirmed address of the user, else it does not exist for them.
 */
export async function decideClaim(
  deps: CommandDeps,
  actor: Actor,
  credentialPublicId: string,
  decision: ClaimDecision,
): Promise<ClaimView> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const row = await claimQuery(tx).where('cr.public_id', '=', credentialPublicId).executeTakeFirst();
    const confirmed = (await emailsOf(tx, actor.userId)).filter((e) => e.confirmed_at).map((e) => e.email);
    if (!row || !row.recipient_email || !confirmed.includes(row.recipient_email))
      throw notFound('That badge');
    await tx
      .selectFrom('credential_claims')
      .select('credential_id')
      .where('credential_id', '=', row.credential_id)
      .forUpdate()
      .execute();
    const claim = toView(
      await claimQuery(tx).where('cl.credential_id', '=', row.credential_id).executeTakeFirstOrThrow(),
      now,
    );
    if (claim.state !== 'pending')
      throw conflict(`This badge was already ${claim.state === 'accepted' ? 'accepted' : 'declined'}.`);
    await recordDecision(tx, claim, decision, actor, actor.userId, now);
    return { ...claim, state: decision === 'accept' ? 'accepted' : 'declined' };
  });
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
