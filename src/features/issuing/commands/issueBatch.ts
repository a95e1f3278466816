import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.ts';
import { buildOpenBadgeCredential, type StatusEntry } from '../../../credentials/openBadgeCredential.ts';
import { validateAchievementCredential } from '../../../credentials/schema.ts';
import { randomIndex } from '../../../credentials/bitstringStatusList.ts';
import {
  documentHash,
  isoSeconds,
  issuerIdentifiers,
  publishStatusList,
  signForOrganisation,
  statusListUrl,
  type CredentialServices,
  type OrganisationKeys,
} from '../../../signing/organisationSigner.ts';
import type { Queryable, Tx } from '../../../storage/database.ts';
import type { StatusList } from '../../../storage/schema.ts';
import { addMonths, DAY } from '../../../domain/clock.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { hashToken, newSecretToken, publicId } from '../../../domain/ids.ts';
import { enqueueCompletionNoticesForMany, licenseFactsForMany } from '../../credit/index.ts';
import type { StatusPurpose } from '../queries/statusLists.ts';
import { currentStatusList } from './statusListPublishing.ts';
import { accountsByEmail, existingAwardKeys, takenIndexes } from '../queries/issuingFacts.ts';
import { isLocale } from '../../../web/i18n/i18n.ts';
import {
  countStatusListUse,
  enqueuePathwayEvaluations,
  insertClaimOffers,
  storeAwardBatch,
  type SignedAward,
} from '../queries/storeAwards.ts';
import type { AwardContext } from '../awardFacts.ts';
import { claimOfferMail } from '../mail.tsx';
import { CLAIM_LINK_DAYS, claimLink } from './claimCredential.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/**
 * Issuing many catalog credentials at once (bulk awards), one way through, each step once per
 * batch: gather facts (award keys already used, status indexes, license facts, account names) →
 * build (the pure credentials engine) → validate (the official OB 3.0 schema) → sign (with the
 * keys the caller read once and handed down) → store (one statement) → offer the claims and
 * queue their mail and the batch's jobs. An award key per (micro-credential version, recipient
 * email, external id) makes the batch idempotent: the database refuses a second credential for it.
 */

type Deps = CommandDeps & { credentials: CredentialServices };

export type { AwardContext } from '../awardFacts.ts';

export interface AwardItem {
  /** The caller's reference (a CSV row number), returned with the outcome. */
  ref: number;
  email: string;
  externalId: string;
  /** Greets the recipient in the claim email when they have no Cairn account yet. */
  name?: string;
  creditsEarned?: number;
  /** ISO date-time the credential is valid from (the issue date); default now. */
  validFrom?: string;
  evidence?: Array<{ id?: string; narrative?: string }>;
}

export type AwardOutcome =
  | { ref: number; state: 'issued'; credentialId: number; publicId: string }
  | { ref: number; state: 'skipped'; credentialId: number; reason: string }
  | { ref: number; state: 'invalid'; error: string };

/**
 * Which share of a status list's indexes a batch picks from: jobs issuing side by side use
 * different lanes (index mod `of` = `lane`), so their uncommitted picks never collide.
 */
export interface IndexLane {
  lane: number;
  of: number;
}

const keyOf = (i: { email: string; externalId: string }) => `${i.email}\u0000${i.externalId}`;

/** Distinct free random indexes of a status list (in the lane), checked against the entries already taken. */
async function freeIndexes(tx: Tx, list: StatusList, n: number, lane: IndexLane): Promise<number[]> {
  const slots = Math.floor(list.size / lane.of);
  const chosen = new Set<number>();
  for (let round = 0; round < 20 && chosen.size < n; round++) {
    const want = n - chosen.size;
    const candidates = new Set<number>();
    while (candidates.size < Math.ceil(want * 1.25) + 8) {
      const c = randomIndex(slots, (i) => chosen.has(i * lane.of + lane.lane))!;
      candidates.add(c * lane.of + lane.lane);
    }
    const taken = await takenIndexes(tx, list.id, [...candidates]);
    for (const c of candidates) {
      if (chosen.size >= n) break;
      if (!taken.has(c)) chosen.add(c);
    }
  }
  if (chosen.size < n) throw new Error(`Status list ${list.public_id} has no room for ${n} more entries`);
  return [...chosen];
}

/** Sorts a batch's items: already awarded (skipped), to issue, or a repeat of an earlier item of the batch. */
function sortItems(items: AwardItem[], existing: Map<string, number>) {
  const skipped: AwardOutcome[] = [];
  const toIssue: AwardItem[] = [];
  const repeats: AwardItem[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    const found = existing.get(key);
    if (found !== undefined)
      skipped.push({
        ref: item.ref,
        state: 'skipped',
        credentialId: found,
        reason: commandMessage('errors.issuing.rows.alreadyIssued'),
      });
    else if (seen.has(key)) repeats.push(item);
    else {
      seen.add(key);
      toIssue.push(item);
    }
  }
  return { skipped, toIssue, repeats };
}

type StatusLists = Record<StatusPurpose, { list: StatusList; indexes: number[] }>;

/** Step 1: every fact a batch needs, read once (award keys, status indexes, license facts, account names). */
async function gatherFacts(tx: Tx, ctx: AwardContext, items: AwardItem[], lane: IndexLane, now: Date) {
  const mc = ctx.microCredential;
  const found = await existingAwardKeys(
    tx,
    { organisationId: ctx.organisation.id, microCredentialId: mc.id, version: mc.version },
    items,
  );
  const existing = new Map(
    found.map((r) => [keyOf({ email: r.recipient_email, externalId: r.external_id }), r.credential_id]),
  );
  const sorted = sortItems(items, existing);
  const newLists: string[] = [];
  const lists = {} as StatusLists;
  if (sorted.toIssue.length) {
    for (const purpose of ['revocation', 'suspension'] as const) {
      const list = await currentStatusList(tx, ctx.organisation.id, purpose, now);
      if (list.signed_version < 0) newLists.push(list.public_id);
      lists[purpose] = { list, indexes: await freeIndexes(tx, list, sorted.toIssue.length, lane) };
    }
  }
  const emails = sorted.toIssue.map((i) => i.email);
  // Recipients holding a confirmed license with a program recognizing this version get its number
  // and hours in the credential, as single awards do (a credits column of the roster wins).
  const licensed = await licenseFactsForMany(
    tx,
    {
      microCredentialId: mc.id,
      version: mc.version,
      issuedOn: now,
      creditsAvailable: ctx.achievement.creditsAvailable ?? null,
    },
    emails,
  );
  const accounts = await accountsByEmail(tx, emails);
  return { ...sorted, lists, newLists, licensed, accounts };
}

type Facts = Awaited<ReturnType<typeof gatherFacts>> & { issuerId: string };

/** Steps 2–4 for one item: build (pure), validate against the OB 3.0 schema, sign with the keys handed down. */
async function buildAndSign(
  deps: Deps,
  ctx: AwardContext,
  keys: OrganisationKeys,
  facts: Facts,
  n: number,
  now: Date,
): Promise<SignedAward> {
  const item = facts.toIssue[n]!;
  const license = facts.licensed.get(item.email.toLowerCase());
  const revocation = facts.lists.revocation.indexes[n]!;
  const suspension = facts.lists.suspension.indexes[n]!;
  const listUrl = statusListUrl(deps.config, facts.lists.revocation.list.public_id);
  const status: StatusEntry = {
    id: `${listUrl}#${revocation}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(revocation),
    statusListCredential: listUrl,
  };
  const org = ctx.organisation;
  const validFrom = item.validFrom ?? isoSeconds(now);
  const unsigned = buildOpenBadgeCredential({
    id: `urn:uuid:${randomUUID()}`,
    issuer: { id: facts.issuerId, name: org.name, url: org.website ?? undefined },
    achievement: ctx.achievement,
    recipient: { email: item.email },
    validFrom,
    validUntil: ctx.validityMonths
      ? isoSeconds(addMonths(new Date(validFrom), ctx.validityMonths))
      : undefined,
    creditsEarned: item.creditsEarned ?? license?.creditsEarned,
    licenseNumber: license?.licenseNumber,
    evidence: item.evidence,
    credentialStatus: status,
  });
  const schema = validateAchievementCredential(unsigned);
  if (!schema.valid)
    throw new AppError(
      'validation_failed',
      commandMessage('errors.issuing.credential.schema', { problems: schema.errors.join('; ') }),
    );
  const { signed, jwt } = await signForOrganisation({
    config: deps.config,
    canonicalizer: deps.credentials.canonicalizer,
    organisation: org,
    keys,
    unsigned,
    now,
    // Every credential has its VC-JWT from the start: its download only reads it.
    jwt: 'EdDSA',
  });
  const text = JSON.stringify(signed);
  return {
    publicId: publicId('cred'),
    credentialId: String(signed.id),
    email: item.email,
    externalId: item.externalId,
    document: text,
    sha256: documentHash(text),
    jwt,
    validFrom: String(signed.validFrom),
    validUntil: typeof signed.validUntil === 'string' ? signed.validUntil : null,
    revocation,
    suspension,
  };
}

/** Step 6: each credential gets a pending claim with its own single-use link and its claim email queued. */
async function offerClaims(
  tx: Tx,
  deps: Deps,
  ctx: AwardContext,
  stored: Array<{ id: number; public_id: string; item: AwardItem }>,
  accounts: Map<string, { name: string; locale: string | null }>,
  now: Date,
): Promise<void> {
  const offers = stored.map((s) => {
    const token = newSecretToken();
    const account = accounts.get(s.item.email);
    const mail = claimOfferMail({
      name: account?.name ?? s.item.name ?? null,
      // In the language the recipient's account chose (English for an address on no account).
      locale: isLocale(account?.locale) ? account.locale : undefined,
      badgeName: ctx.achievement.name,
      issuerName: ctx.organisation.name,
      link: claimLink(deps.config, token),
      expiresInDays: CLAIM_LINK_DAYS,
    });
    return {
      credentialId: s.id,
      publicId: s.public_id,
      email: s.item.email,
      tokenHash: hashToken(token),
      mailId: publicId('mail'),
      mail,
    };
  });
  const expiresAt = new Date(now.getTime() + CLAIM_LINK_DAYS * DAY);
  await insertClaimOffers(
    tx,
    { organisationId: ctx.organisation.id, issuedBy: ctx.issuedBy, expiresAt, now },
    offers,
  );
}

export interface AwardBatch {
  ctx: AwardContext;
  items: AwardItem[];
  /** The organisation's keys, read once for the batch by the caller (organisationKeys). */
  keys: OrganisationKeys;
  lane?: IndexLane;
}

/**
 * Issues one batch inside the caller's transaction. Items whose award key already has a
 * credential are skipped (pointing at it); a repeated key inside the batch is issued once.
 * Returns the status lists created meanwhile, to publish after commit (publishNewLists).
 */
export async function issueAwardBatch(
  deps: Deps,
  tx: Tx,
  { ctx, items, keys, lane = { lane: 0, of: 1 } }: AwardBatch,
): Promise<{ outcomes: AwardOutcome[]; newLists: string[] }> {
  const now = deps.clock.now();
  if (items.length === 0) return { outcomes: [], newLists: [] };
  const facts = {
    ...(await gatherFacts(tx, ctx, items, lane, now)),
    // The issuer every credential of the batch names: the organisation's did:web.
    issuerId: issuerIdentifiers(deps.config, ctx.organisation, keys.signing).did,
  };
  const outcomes: AwardOutcome[] = [...facts.skipped];
  const signed: Array<{ award: SignedAward; item: AwardItem }> = [];
  for (let n = 0; n < facts.toIssue.length; n++) {
    try {
      signed.push({ award: await buildAndSign(deps, ctx, keys, facts, n, now), item: facts.toIssue[n]! });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ ref: facts.toIssue[n]!.ref, state: 'invalid', error: err.message });
    }
  }
  const stored = signed.length ? await store(tx, ctx, keys, facts.lists, signed, now) : [];
  if (stored.length) {
    if (ctx.hasPathways)
      await enqueuePathwayEvaluations(
        tx,
        ctx.organisation.id,
        [...new Set(stored.map((s) => s.item.email))],
        now,
      );
    await offerClaims(tx, deps, ctx, stored, facts.accounts, now);
    // Recognizers of this version hear of each completion, as from the one-by-one path.
    await enqueueCompletionNoticesForMany(
      tx,
      stored.map((s) => s.id),
      now,
    );
    const listIds = [facts.lists.revocation.list.id, facts.lists.suspension.list.id];
    await countStatusListUse(tx, listIds, stored.length);
    for (const s of stored)
      outcomes.push({ ref: s.item.ref, state: 'issued', credentialId: s.id, publicId: s.public_id });
  }
  outcomes.push(...repeatOutcomes(facts.repeats, stored));
  return { outcomes, newLists: facts.newLists };
}

/** Step 5: the signed batch stored in one statement. */
async function store(
  tx: Tx,
  ctx: AwardContext,
  keys: OrganisationKeys,
  lists: StatusLists,
  signed: Array<{ award: SignedAward; item: AwardItem }>,
  now: Date,
): Promise<Array<{ id: number; public_id: string; item: AwardItem }>> {
  const ids = await storeAwardBatch(
    tx,
    {
      organisationId: ctx.organisation.id,
      microCredential: ctx.microCredential,
      achievement: { id: ctx.achievement.id, name: ctx.achievement.name },
      issuerKeyId: keys.signing.row.id,
      issuedBy: ctx.issuedBy,
      statusLists: { revocation: lists.revocation.list.id, suspension: lists.suspension.list.id },
      now,
    },
    signed.map((s) => s.award),
  );
  return signed.map((s) => ({ ...ids.get(s.award.credentialId)!, item: s.item }));
}

function repeatOutcomes(
  repeats: AwardItem[],
  stored: Array<{ id: number; item: AwardItem }>,
): AwardOutcome[] {
  const byKey = new Map(stored.map((s) => [keyOf(s.item), s.id]));
  return repeats.map((item): AwardOutcome => {
    const first = byKey.get(keyOf(item));
    return first !== undefined
      ? {
          ref: item.ref,
          state: 'skipped',
          credentialId: first,
          reason: commandMessage('errors.issuing.rows.earlierInBatch'),
        }
      : {
          ref: item.ref,
          state: 'invalid',
          error: commandMessage('errors.issuing.rows.earlierNotIssued'),
        };
  });
}

/** Signs status lists created during a batch, once it committed, with the batch's keys. */
export async function publishNewLists(
  db: Queryable,
  deps: Deps,
  listIds: string[],
  keys: OrganisationKeys,
): Promise<void> {
  for (const id of listIds)
    await publishStatusList(db, deps.credentials, deps.config, id, deps.clock.now(), { keys });
}

/** A race another batch won (unique violation on an award key or status index, or a deadlock): retry the batch. */
export function isRetryableConflict(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === '23505' || code === '40P01' || code === '40001';
}
