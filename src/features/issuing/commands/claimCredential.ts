import { z } from 'zod';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { DAY } from '../../../domain/clock.ts';
import { hashToken, newSecretToken } from '../../../domain/ids.ts';
import type { Config } from '../../../config.ts';
import { inTransaction, type Queryable, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { emailsOf, findUserByConfirmedEmail } from '../../../storage/users.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { parseInput } from '../../../domain/validation.ts';
import { claimOfferMail } from '../mail.tsx';
import { isLocale } from '../../../web/i18n/i18n.ts';
import { appLink, type Actor, type CommandDeps } from '../../../domain/commands.ts';
import {
  addConfirmedAddress,
  claimByTokenHash,
  claimOf,
  claimOfCredential,
  confirmAddress,
  insertClaim,
  lockClaim,
  lockClaimByTokenHash,
  markClaimDecided,
  organisationName,
  type ClaimView,
} from '../queries/claims.ts';
import { issuingPaths } from '../paths.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export { pendingClaimsFor, type ClaimView, type PendingClaim } from '../queries/claims.ts';

/** How long an emailed claim link works (a fresh one can be asked for afterwards). */
export const CLAIM_LINK_DAYS = 30;
/** A pending claim gets one reminder this many days after it was offered. */
export const CLAIM_REMINDER_DAYS = 7;
/** An account holds at most this many addresses (as in manageEmails). */
const MAX_ADDRESSES = 10;

export type ClaimDecision = 'accept' | 'decline';

/** Someone not logged in, holding a claim link: where they came from, for the audit log. */
export interface Visitor {
  userId: null;
  ip: string | null;
}

/** Who decides a claim: a logged-in person, or (declining through the link) a visitor. */
export type ClaimActor = Actor | Visitor;

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
  return appLink(config, issuingPaths.claim(token));
}

export async function claimMailData(
  db: Queryable,
  config: Config,
  c: { organisation_id: number; recipient_email: string; achievement_name: string },
  token: string,
  expiresAt: Date,
  now: Date,
) {
  const issuerName = await organisationName(db, c.organisation_id);
  const holder = await findUserByConfirmedEmail(db, c.recipient_email);
  return {
    name: holder?.name ?? null,
    // In the language the account chose; an address on no account yet gets English.
    locale: isLocale(holder?.locale) ? holder.locale : undefined,
    badgeName: c.achievement_name,
    issuerName,
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
  const acceptedBy = options.acceptedByUserId;
  // Earned by this account through the earning loop: the badge is its own already, so there is
  // nothing to accept and no claim email (the earner was told "You earned …").
  await insertClaim(tx, {
    credentialId: credential.id,
    tokenHash: hashToken(token),
    expiresAt,
    acceptedBy,
    now,
  });
  if (acceptedBy === undefined) {
    const mail = claimOfferMail(
      await claimMailData(tx, deps.config, { ...credential, recipient_email: email }, token, expiresAt, now),
    );
    await queueMail(tx, email, mail, now, { organisationId: credential.organisation_id });
  }
  await recordAudit(
    tx,
    {
      organisationId: credential.organisation_id,
      actorUserId,
      action: acceptedBy === undefined ? 'claim.offered' : 'claim.accepted',
      subjectType: 'credential',
      subjectId: credential.public_id,
      data: acceptedBy === undefined ? { recipient: email } : { recipient: email, via: 'earned' },
    },
    now,
  );
  return acceptedBy === undefined ? { token } : null;
}

/** The claim behind a link (first email or reminder), whatever its state; undefined if unknown. */
export function findClaimByToken(db: Queryable, token: string, now: Date): Promise<ClaimView | undefined> {
  return claimByTokenHash(db, hashToken(token), now);
}

/** A claim decided already, in words (accepted or declined). */
export const alreadyDecided = (state: string) =>
  state === 'accepted'
    ? commandMessage('errors.issuing.claim.alreadyAccepted')
    : commandMessage('errors.issuing.claim.alreadyDeclined');

export const unknownLink = () =>
  new AppError('token_invalid', commandMessage('errors.issuing.claim.linkInvalid'));

/** The claim behind a link, locked, if it can still be decided through the link. */
export async function openClaimForUpdate(tx: Tx, token: string, now: Date): Promise<ClaimView> {
  const credentialId = await lockClaimByTokenHash(tx, hashToken(token));
  if (credentialId === undefined) throw unknownLink();
  const claim = await claimOf(tx, credentialId, now);
  if (claim.state !== 'pending')
    throw conflict(
      claim.state === 'accepted'
        ? commandMessage('errors.issuing.claim.linkUsedAccepted')
        : commandMessage('errors.issuing.claim.linkUsedDeclined'),
    );
  if (claim.expired) throw new AppError('token_invalid', commandMessage('errors.issuing.claim.linkExpired'));
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
  if (other) throw new AppError('forbidden', commandMessage('errors.issuing.claim.otherAccount', { email }));
  if (own) {
    await confirmAddress(tx, own.id, now);
  } else {
    if (mine.length >= MAX_ADDRESSES)
      throw conflict(commandMessage('errors.issuing.claim.tooManyAddresses', { max: MAX_ADDRESSES }));
    await addConfirmedAddress(tx, actor.userId, email, now);
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
  actor: ClaimActor,
  owner: number | null,
  now: Date,
): Promise<void> {
  const state = decision === 'accept' ? 'accepted' : 'declined';
  if (!(await markClaimDecided(tx, claim.credentialId, state, owner, now)))
    throw conflict(commandMessage('errors.issuing.claim.alreadyDecided'));
  await recordAudit(
    tx,
    {
      organisationId: claim.organisationId,
      actorUserId: actor.userId,
      action: `claim.${state}`,
      subjectType: 'credential',
      subjectId: claim.credentialPublicId,
      data: { recipient: claim.recipientEmail },
      ip: actor.ip,
    },
    now,
  );
}

const decision = z.enum(['accept', 'decline'], {
  message: commandMessage('errors.issuing.claim.chooseDecision'),
});
const byTokenInput = z.object({
  token: z.string().min(1, commandMessage('errors.issuing.claim.useLink')),
  decision,
});
const byCredentialInput = z.object({ credential: z.string().trim().min(1), decision });

/**
 * Accepts or declines a badge through its emailed link. Accepting needs a logged-in user and
 * links the badge to the account (see ensureAddressThroughLink); declining needs only the link.
 * Either way the link is used up. The credential itself never changes: it verifies regardless.
 */
export async function decideClaimWithToken(
  deps: CommandDeps,
  { actor, ...input }: { actor: ClaimActor } & Record<string, unknown>,
): Promise<ClaimView & { addressAdded: boolean }> {
  const { token, decision } = parseInput(byTokenInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const claim = await openClaimForUpdate(tx, token, now);
    let addressAdded = false;
    let owner: number | null = null;
    if (decision === 'accept') {
      if (actor.userId === null)
        throw new AppError('unauthenticated', commandMessage('errors.issuing.claim.logInToAccept'));
      addressAdded = await ensureAddressThroughLink(tx, actor, claim.recipientEmail, now);
      owner = actor.userId;
    } else if (
      actor.userId !== null &&
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
  { actor, ...input }: { actor: Actor } & Record<string, unknown>,
): Promise<ClaimView> {
  const { credential: credentialPublicId, decision } = parseInput(byCredentialInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const found = await claimOfCredential(tx, credentialPublicId, now);
    const confirmed = (await emailsOf(tx, actor.userId)).filter((e) => e.confirmed_at).map((e) => e.email);
    if (!found || !found.recipientEmail || !confirmed.includes(found.recipientEmail)) throw notFound('badge');
    await lockClaim(tx, found.credentialId);
    const claim = await claimOf(tx, found.credentialId, now);
    if (claim.state !== 'pending') throw conflict(alreadyDecided(claim.state));
    await recordDecision(tx, claim, decision, actor, actor.userId, now);
    return { ...claim, state: decision === 'accept' ? 'accepted' : 'declined' };
  });
}
