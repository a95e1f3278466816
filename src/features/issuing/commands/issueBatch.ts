import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError, notFound } from '../../../domain/errors.ts';
import {
  buildOpenBadgeCredential,
  type AchievementData,
  type StatusEntry,
} from '../../../credentials/openBadgeCredential.ts';
import { validateAchievementCredential } from '../../../credentials/schema.ts';
import {
  documentHash,
  isoSeconds,
  publishStatusList,
  statusListUrl,
  type CredentialServices,
} from '../../../signing/organisationSigner.ts';
import { signEddsaRdfc2022 } from '../../../credentials/proofs/eddsaRdfc2022.ts';
import { organisationDid, verificationMethodId } from '../../../credentials/issuerIdentity.ts';
import { randomIndex } from '../../../credentials/bitstringStatusList.ts';
import { currentStatusList, type StatusPurpose } from '../queries/statusLists.ts';
import { activeSigningKey } from '../../../signing/issuerKeys.ts';
import type { Queryable, Tx } from '../../../storage/database.ts';
import type { Organisation, StatusList } from '../../../storage/schema.ts';
import { evaluatePathways } from '../jobTypes.ts';
import { enqueueCompletionNoticesForMany, licenseFactsForMany } from '../../credit/index.ts';
import { addMonths } from '../../../domain/clock.ts';
import { publishedAchievement } from './issueCredential.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { CLAIM_LINK_DAYS, claimLink } from './claimCredential.ts';
import { claimOfferMail } from '../mail.tsx';
import { DELIVER_MAIL } from '../../../mail/outbox.ts';
import { DAY } from '../../../domain/clock.ts';
import { hashToken, newSecretToken, publicId } from '../../../domain/ids.ts';

/**
 * Issuing many catalog credentials at once (bulk awards). The same steps as the one-by-one
 * path in issueCredential.ts — a revocation and a suspension entry at random free indexes,
 * the official OB 3.0 schema check, an eddsa-rdfc-2022 proof with the organisation's active
 * key, the signed text stored verbatim with its hash, an audit event, pathway re-evaluation —
 * but each SQL step runs once per batch instead of once per credential. On top, an award key
 * per (micro-credential version, recipient email, external id) makes the batch idempotent: the
 * database refuses a second credential for the same key.
 */

type Deps = CommandDeps & { credentials: CredentialServices };

/** What every credential of a run shares, resolved once per job. */
export interface AwardContext {
  organisation: Organisation;
  microCredential: { id: number; version: number };
  achievement: AchievementData;
  validityMonths: number | null;
  issuedBy: number | null;
  hasPathways: boolean;
}

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

/** Resolves the organisation and the exact micro-credential version a run awards. */
export async function awardContext(
  deps: Deps,
  organisationId: number,
  microCredentialPublicId: string,
  version: number,
  issuedBy: number | null,
): Promise<AwardContext> {
  const organisation = await deps.db
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!organisation) throw notFound('That organisation');
  if (organisation.kind === 'recognizer')
    throw new AppError('forbidden', 'Only issuer organisations issue credentials.');
  const published = await publishedAchievement(deps, organisationId, microCredentialPublicId, version);
  const pathway = await deps.db
    .selectFrom('pathways')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .limit(1)
    .executeTakeFirst();
  // Create the key outside any batch transaction (a race for it must not abort a batch).
  await activeSigningKey(deps.db, organisationId, deps.credentials.vault, deps.clock.now());
  return {
    organisation,
    microCredential: published.microCredential,
    achievement: published.achievement,
    validityMonths: published.validityMonths ?? null,
    issuedBy,
    hasPathways: Boolean(pathway),
  };
}

/**
 * Which share of a status list's indexes a batch picks from: jobs issuing side by side use
 * different lanes (index mod `of` = `lane`), so their uncommitted picks never collide.
 */
export interface IndexLane {
  lane: number;
  of: number;
}

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
    const list_ = [...candidates];
    // One array parameter: cheaper to send and plan than hundreds of IN parameters.
    const rows = await sql<{
      list_index: number;
    }>`select list_index from status_entries where status_list_id = ${list.id} and list_index = any(${`{${list_.join(',')}}`}::integer[])`.execute(
      tx,
    );
    const taken = new Set(rows.rows.map((r) => r.list_index));
    for (const c of list_) {
      if (chosen.size >= n) break;
      if (!taken.has(c)) chosen.add(c);
    }
  }
  if (chosen.size < n) throw new Error(`Status list ${list.public_id} has no room for ${n} more entries`);
  return [...chosen];
}

const CHUNK = 500; // rows per multi-row INSERT (well under PostgreSQL's 65,535 parameters)

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Issues one batch inside the caller's transaction. Items whose award key already has a
 * credential are skipped (pointing at it); a repeated key inside the batch is issued once.
 * Returns the status lists created meanwhile, to publish after commit.
 */
export async function issueAwardBatch(
  deps: Deps,
  tx: Tx,
  ctx: AwardContext,
  items: AwardItem[],
  lane: IndexLane = { lane: 0, of: 1 },
): Promise<{ outcomes: AwardOutcome[]; newLists: string[] }> {
  const { config, clock, credentials } = deps;
  const now = clock.now();
  const org = ctx.organisation;
  const mc = ctx.microCredential;
  const outcomes: AwardOutcome[] = [];
  if (items.length === 0) return { outcomes, newLists: [] };

  // 1. Keys already awarded (in an earlier run, an earlier batch, or by a concurrent one that committed).
  const keyOf = (i: { email: string; externalId: string }) => `${i.email}\u0000${i.externalId}`;
  const existing = new Map<string, number>();
  // A join on the batch's keys as one JSON parameter (a long row-IN list nests too deeply for the embedded database).
  const wanted = JSON.stringify(items.map((i) => ({ email: i.email, external_id: i.externalId })));
  const found = await sql<{ recipient_email: string; external_id: string; credential_id: number }>`
    select k.recipient_email, k.external_id, k.credential_id
    from award_keys as k
    join jsonb_to_recordset(${wanted}::jsonb) as v(email text, external_id text) on k.recipient_email = v.email and k.external_id = v.external_id
    where k.organisation_id = ${org.id} and k.micro_credential_id = ${mc.id} and k.micro_credential_version = ${mc.version}`.execute(
    tx,
  );
  for (const r of found.rows)
    existing.set(keyOf({ email: r.recipient_email, externalId: r.external_id }), Number(r.credential_id));
  const toIssue: AwardItem[] = [];
  const repeats: AwardItem[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    const found = existing.get(key);
    if (found !== undefined)
      outcomes.push({
        ref: item.ref,
        state: 'skipped',
        credentialId: found,
        reason: 'Already issued to this recipient for this micro-credential version.',
      });
    else if (seen.has(key)) repeats.push(item);
    else {
      seen.add(key);
      toIssue.push(item);
    }
  }

  // 2. Status entries: one revocation and one suspension index per credential.
  const newLists: string[] = [];
  const lists = {} as Record<StatusPurpose, { list: StatusList; indexes: number[] }>;
  if (toIssue.length) {
    for (const purpose of ['revocation', 'suspension'] as const) {
      const list = await currentStatusList(tx, org.id, purpose, now);
      if (list.signed_version < 0) newLists.push(list.public_id);
      lists[purpose] = { list, indexes: await freeIndexes(tx, list, toIssue.length, lane) };
    }
  }

  // 3. Build, check and sign each credential.
  const key = await activeSigningKey(tx, org.id, credentials.vault, now);
  const did = organisationDid(config.publicUrl, org.slug);
  const vm = verificationMethodId(did, key.row.public_id);
  const created = isoSeconds(now);
  const issuer = { id: did, name: org.name, url: org.website ?? undefined };
  const signedRows: Array<{
    item: AwardItem;
    revocation: number;
    suspension: number;
    publicId: string;
    credentialId: string;
    document: string;
    sha256: string;
    validFrom: string;
    validUntil: string | null;
  }> = [];
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
    toIssue.map((i) => i.email),
  );
  for (let n = 0; n < toIssue.length; n++) {
    const item = toIssue[n]!;
    const license = licensed.get(item.email.toLowerCase());
    const revocation = lists.revocation.indexes[n]!;
    const suspension = lists.suspension.indexes[n]!;
    const listUrl = statusListUrl(config, lists.revocation.list.public_id);
    const status: StatusEntry = {
      id: `${listUrl}#${revocation}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(revocation),
      statusListCredential: listUrl,
    };
    const validFrom = item.validFrom ?? isoSeconds(now);
    try {
      const unsigned = buildOpenBadgeCredential({
        id: `urn:uuid:${randomUUID()}`,
        issuer,
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
          `The credential would not satisfy the Open Badges 3.0 schema: ${schema.errors.join('; ')}`,
        );
      const signed = await signEddsaRdfc2022(unsigned, {
        privateKey: key.privateKey,
        verificationMethod: vm,
        created,
        canonicalizer: credentials.canonicalizer,
      });
      const text = JSON.stringify(signed);
      signedRows.push({
        item,
        revocation,
        suspension,
        publicId: publicId('cred'),
        credentialId: String(signed.id),
        document: text,
        sha256: documentHash(text),
        validFrom: String(signed.validFrom),
        validUntil: typeof signed.validUntil === 'string' ? signed.validUntil : null,
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ ref: item.ref, state: 'invalid', error: err.message });
    }
  }

  // 4. Store credentials, their status entries, award keys and audit events in one statement: the
  // batch travels as one JSON parameter (cheaper for both sides than thousands of parameters).
  let stored: Array<(typeof signedRows)[number] & { row: { id: number; public_id: string } }> = [];
  if (signedRows.length) {
    const batch = JSON.stringify(
      signedRows.map((r) => ({
        public_id: r.publicId,
        credential_id: r.credentialId,
        recipient_email: r.item.email,
        external_id: r.item.externalId,
        document: r.document,
        document_sha256: r.sha256,
        valid_from: r.validFrom,
        valid_until: r.validUntil,
        revocation: r.revocation,
        suspension: r.suspension,
      })),
    );
    const at = now.toISOString();
    const inserted = await sql<{ id: number; public_id: string; credential_id: string }>`
      with v as (
        select * from json_to_recordset(${batch}::json) as v(public_id text, credential_id text, recipient_email text, external_id text, document text,
          document_sha256 text, valid_from timestamptz, valid_until timestamptz, revocation integer, suspension integer)
      ), c as (
        insert into credentials (public_id, organisation_id, credential_id, recipient_email, recipient_did, achievement_id, achievement_name, issuer_key_id,
          document, document_sha256, jwt, valid_from, valid_until, issued_at, issued_by, micro_credential_id, micro_credential_version, pathway_id)
        select public_id, ${org.id}::bigint, credential_id, recipient_email, null, ${ctx.achievement.id}::text, ${ctx.achievement.name}::text, ${key.row.id}::bigint,
          document, document_sha256, null, valid_from, valid_until, ${at}::timestamptz, ${ctx.issuedBy}::bigint, ${mc.id}::bigint, ${mc.version}::integer, null::bigint
        from v
        returning id, public_id, credential_id
      ), cv as (
        select c.id, c.public_id, c.credential_id, v.recipient_email, v.external_id, v.revocation, v.suspension from c join v using (credential_id)
      ), s as (
        insert into status_entries (credential_id, status_list_id, list_index)
        select id, ${lists.revocation.list.id}::bigint, revocation from cv union all select id, ${lists.suspension.list.id}::bigint, suspension from cv
      ), k as (
        -- A concurrent batch that committed the same key first makes this fail: the whole batch
        -- rolls back and is retried, and then finds the key in step 1.
        insert into award_keys (organisation_id, micro_credential_id, micro_credential_version, recipient_email, external_id, credential_id, created_at)
        select ${org.id}::bigint, ${mc.id}::bigint, ${mc.version}::integer, recipient_email, external_id, id, ${at}::timestamptz from cv
      ), a as (
        insert into audit_events (organisation_id, actor_user_id, action, subject_type, subject_id, data, ip, created_at)
        select ${org.id}::bigint, ${ctx.issuedBy}::bigint, 'credential.issued', 'credential', public_id,
          jsonb_build_object('achievement', ${ctx.achievement.id}::text, 'recipient', recipient_email, 'bulk', true), null, ${at}::timestamptz
        from cv
      )
      select id, public_id, credential_id from cv`.execute(tx);
    const ids = new Map(
      inserted.rows.map((r) => [r.credential_id, { id: Number(r.id), public_id: r.public_id }]),
    );
    stored = signedRows.map((r) => ({ ...r, row: ids.get(r.credentialId)! }));
  }
  if (stored.length) {
    // A credential that counts toward pathways gets the earner's pathways re-evaluated
    // (only worth a job when the organisation has pathways at all).
    if (ctx.hasPathways) {
      const emails = [...new Set(stored.map((s) => s.item.email))];
      await insertChunked(emails, (chunk) =>
        tx
          .insertInto('jobs')
          .values(
            chunk.map((recipientEmail) => ({
              type: evaluatePathways.type,
              payload: JSON.stringify({ organisationId: org.id, recipientEmail }),
              run_at: now,
              max_attempts: 8,
              organisation_id: org.id,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute(),
      );
    }
    await offerClaims(
      tx,
      deps,
      ctx,
      stored.map((s) => ({
        credentialId: s.row.id,
        publicId: s.row.public_id,
        email: s.item.email,
        name: s.item.name,
      })),
      now,
    );
    // Recognizers of this version hear of each completion, as from the one-by-one path.
    await enqueueCompletionNoticesForMany(
      tx,
      stored.map((s) => s.row.id),
      now,
    );
    // Last, as it locks the lists' rows until commit (concurrent batches wait here, not earlier).
    for (const purpose of ['revocation', 'suspension'] as const) {
      await tx
        .updateTable('status_lists')
        .set((eb) => ({ used: eb('used', '+', stored.length) }))
        .where('id', '=', lists[purpose].list.id)
        .execute();
    }
    for (const s of stored)
      outcomes.push({ ref: s.item.ref, state: 'issued', credentialId: s.row.id, publicId: s.row.public_id });
  }
  const byKey = new Map(stored.map((s) => [keyOf(s.item), s.row.id]));
  for (const item of repeats) {
    const first = byKey.get(keyOf(item));
    if (first !== undefined)
      outcomes.push({
        ref: item.ref,
        state: 'skipped',
        credentialId: first,
        reason: 'The same recipient appears earlier in this batch.',
      });
    else
      outcomes.push({
        ref: item.ref,
        state: 'invalid',
        error: 'The same recipient appears earlier and could not be issued.',
      });
  }
  return { outcomes, newLists };
}

/**
 * The batch form of claimCredential.offerClaim: each credential gets a pending claim with its own
 * single-use link, and the claim email is queued (outbox row + delivery job) in the batch's
 * transaction, so a claim and its email exist exactly when the credential does.
 */
async function offerClaims(
  tx: Tx,
  deps: Deps,
  ctx: AwardContext,
  credentials: Array<{ credentialId: number; publicId: string; email: string; name?: string }>,
  now: Date,
): Promise<void> {
  const expiresAt = new Date(now.getTime() + CLAIM_LINK_DAYS * DAY);
  const expiresInDays = CLAIM_LINK_DAYS;
  const holders = new Map<string, string>();
  for (let i = 0; i < credentials.length; i += CHUNK) {
    const emails = credentials.slice(i, i + CHUNK).map((c) => c.email);
    const rows = await tx
      .selectFrom('users')
      .innerJoin('user_emails as e', 'e.user_id', 'users.id')
      .select(['e.email', 'users.name'])
      .where('e.email', 'in', emails)
      .where('e.confirmed_at', 'is not', null)
      .execute();
    for (const r of rows) holders.set(r.email, r.name);
  }
  const offers = credentials.map((c) => {
    const token = newSecretToken();
    const mail = claimOfferMail({
      name: holders.get(c.email) ?? c.name ?? null,
      badgeName: ctx.achievement.name,
      issuerName: ctx.organisation.name,
      link: claimLink(deps.config, token),
      expiresInDays,
    });
    return { ...c, token, mail, mailId: publicId('mail') };
  });
  // Claims, outbox rows, their delivery jobs (as queueMail makes them) and audit events: one statement.
  const batch = JSON.stringify(
    offers.map((o) => ({
      credential_id: o.credentialId,
      public_id: o.publicId,
      email: o.email,
      token_hash: hashToken(o.token),
      mail_id: o.mailId,
      template: o.mail.template,
      subject: o.mail.subject,
      text_body: o.mail.text,
      html_body: o.mail.html,
    })),
  );
  const at = now.toISOString();
  const orgId = ctx.organisation.id;
  await sql`
    with v as (
      select * from json_to_recordset(${batch}::json) as v(credential_id bigint, public_id text, email text, token_hash text, mail_id text, template text, subject text, text_body text, html_body text)
    ), cl as (
      insert into credential_claims (credential_id, token_hash, expires_at, state, created_at)
      select credential_id, token_hash, ${expiresAt.toISOString()}::timestamptz, 'pending', ${at}::timestamptz from v
    ), m as (
      insert into mail_outbox (public_id, organisation_id, template, to_address, subject, text_body, html_body, created_at)
      select mail_id, ${orgId}::bigint, template, email, subject, text_body, html_body, ${at}::timestamptz from v
      returning id, public_id
    ), j as (
      insert into jobs (type, payload, run_at, idempotency_key, max_attempts, organisation_id, created_at, updated_at)
      select ${DELIVER_MAIL}::text, jsonb_build_object('outboxId', m.id), ${at}::timestamptz, 'mail:' || m.public_id, 12, ${orgId}::bigint, ${at}::timestamptz, ${at}::timestamptz from m
    )
    insert into audit_events (organisation_id, actor_user_id, action, subject_type, subject_id, data, ip, created_at)
    select ${orgId}::bigint, ${ctx.issuedBy}::bigint, 'claim.offered', 'credential', public_id, jsonb_build_object('recipient', email), null, ${at}::timestamptz from v`.execute(
    tx,
  );
}

/** Signs status lists created during a batch, once it committed. */
export async function publishNewLists(db: Queryable, deps: Deps, listIds: string[]): Promise<void> {
  for (const id of listIds) await publishStatusList(db, deps.credentials, deps.config, id, deps.clock.now());
}

/** A race another batch won (unique violation on an award key or status index, or a deadlock): retry the batch. */
export function isRetryableConflict(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === '23505' || code === '40P01' || code === '40001';
}
