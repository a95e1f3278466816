import { sql } from 'kysely';
import type { Queryable } from '../../../storage/database.ts';
import { deliverMail, deliveryOptions } from '../../../mail/outbox.ts';
import type { RenderedMail } from '../../../mail/templates.tsx';
import { evaluatePathways } from '../jobTypes.ts';

/**
 * The writes of a bulk-award batch, each one statement for the whole batch: the batch travels as
 * one JSON parameter (cheaper for both sides than thousands of parameters).
 */

export interface SignedAward {
  publicId: string;
  credentialId: string;
  email: string;
  externalId: string;
  document: string;
  sha256: string;
  /** The same credential as a VC-JWT (EdDSA), made at issue time like every other credential's. */
  jwt: string | null;
  validFrom: string;
  validUntil: string | null;
  revocation: number;
  suspension: number;
}

export interface AwardBatchMeta {
  organisationId: number;
  microCredential: { id: number; version: number };
  achievement: { id: string; name: string };
  issuerKeyId: number;
  issuedBy: number | null;
  statusLists: { revocation: number; suspension: number };
  now: Date;
}

/** Stores signed credentials, their status entries, award keys and audit events; returns their ids by document id. */
export async function storeAwardBatch(
  tx: Queryable,
  meta: AwardBatchMeta,
  awards: SignedAward[],
): Promise<Map<string, { id: number; public_id: string }>> {
  const batch = JSON.stringify(
    awards.map((r) => ({
      public_id: r.publicId,
      credential_id: r.credentialId,
      recipient_email: r.email,
      external_id: r.externalId,
      document: r.document,
      document_sha256: r.sha256,
      jwt: r.jwt,
      valid_from: r.validFrom,
      valid_until: r.validUntil,
      revocation: r.revocation,
      suspension: r.suspension,
    })),
  );
  const at = meta.now.toISOString();
  const org = meta.organisationId;
  const mc = meta.microCredential;
  const inserted = await sql<{ id: number; public_id: string; credential_id: string }>`
    with v as (
      select * from json_to_recordset(${batch}::json) as v(public_id text, credential_id text, recipient_email text, external_id text, document text,
        document_sha256 text, jwt text, valid_from timestamptz, valid_until timestamptz, revocation integer, suspension integer)
    ), c as (
      insert into credentials (public_id, organisation_id, credential_id, recipient_email, recipient_did, achievement_id, achievement_name, issuer_key_id,
        document, document_sha256, jwt, valid_from, valid_until, issued_at, issued_by, micro_credential_id, micro_credential_version, pathway_id)
      select public_id, ${org}::bigint, credential_id, recipient_email, null, ${meta.achievement.id}::text, ${meta.achievement.name}::text, ${meta.issuerKeyId}::bigint,
        document, document_sha256, jwt, valid_from, valid_until, ${at}::timestamptz, ${meta.issuedBy}::bigint, ${mc.id}::bigint, ${mc.version}::integer, null::bigint
      from v
      returning id, public_id, credential_id
    ), cv as (
      select c.id, c.public_id, c.credential_id, v.recipient_email, v.external_id, v.revocation, v.suspension from c join v using (credential_id)
    ), s as (
      insert into status_entries (credential_id, status_list_id, list_index)
      select id, ${meta.statusLists.revocation}::bigint, revocation from cv union all select id, ${meta.statusLists.suspension}::bigint, suspension from cv
    ), k as (
      -- A concurrent batch that committed the same key first makes this fail: the whole batch
      -- rolls back and is retried, and then finds the key among the facts it gathers.
      insert into award_keys (organisation_id, micro_credential_id, micro_credential_version, recipient_email, external_id, credential_id, created_at)
      select ${org}::bigint, ${mc.id}::bigint, ${mc.version}::integer, recipient_email, external_id, id, ${at}::timestamptz from cv
    ), a as (
      insert into audit_events (organisation_id, actor_user_id, action, subject_type, subject_id, data, ip, created_at)
      select ${org}::bigint, ${meta.issuedBy}::bigint, 'credential.issued', 'credential', public_id,
        jsonb_build_object('achievement', ${meta.achievement.id}::text, 'recipient', recipient_email, 'bulk', true), null, ${at}::timestamptz
      from cv
    )
    select id, public_id, credential_id from cv`.execute(tx);
  return new Map(inserted.rows.map((r) => [r.credential_id, { id: Number(r.id), public_id: r.public_id }]));
}

/** Counts a batch's entries on its status lists. Last in a batch: it locks the lists' rows until commit. */
export async function countStatusListUse(tx: Queryable, listIds: number[], used: number): Promise<void> {
  for (const id of listIds)
    await tx
      .updateTable('status_lists')
      .set((eb) => ({ used: eb('used', '+', used) }))
      .where('id', '=', id)
      .execute();
}

export interface ClaimOffer {
  credentialId: number;
  publicId: string;
  email: string;
  tokenHash: string;
  mailId: string;
  mail: RenderedMail;
}

/**
 * The batch form of offerClaim + queueMail: claims, outbox rows, their delivery jobs (as
 * queueMail makes them) and audit events, in one statement.
 */
export async function insertClaimOffers(
  tx: Queryable,
  meta: { organisationId: number; issuedBy: number | null; expiresAt: Date; now: Date },
  offers: ClaimOffer[],
): Promise<void> {
  const batch = JSON.stringify(
    offers.map((o) => ({
      credential_id: o.credentialId,
      public_id: o.publicId,
      email: o.email,
      token_hash: o.tokenHash,
      mail_id: o.mailId,
      template: o.mail.template,
      subject: o.mail.subject,
      text_body: o.mail.text,
      html_body: o.mail.html,
    })),
  );
  const at = meta.now.toISOString();
  const orgId = meta.organisationId;
  const mail = await sql<{ id: number; public_id: string }>`
    with v as (
      select * from json_to_recordset(${batch}::json) as v(credential_id bigint, public_id text, email text, token_hash text, mail_id text, template text, subject text, text_body text, html_body text)
    ), cl as (
      insert into credential_claims (credential_id, token_hash, expires_at, state, created_at)
      select credential_id, token_hash, ${meta.expiresAt.toISOString()}::timestamptz, 'pending', ${at}::timestamptz from v
    ), m as (
      insert into mail_outbox (public_id, organisation_id, template, to_address, subject, text_body, html_body, created_at)
      select mail_id, ${orgId}::bigint, template, email, subject, text_body, html_body, ${at}::timestamptz from v
      returning id, public_id
    ), a as (
      insert into audit_events (organisation_id, actor_user_id, action, subject_type, subject_id, data, ip, created_at)
      select ${orgId}::bigint, ${meta.issuedBy}::bigint, 'claim.offered', 'credential', public_id, jsonb_build_object('recipient', email), null, ${at}::timestamptz from v
    )
    select id, public_id from m`.execute(tx);
  // The delivery jobs, as queueMail makes them.
  const outboxIds = new Map(mail.rows.map((m) => [Number(m.id), m.public_id]));
  await deliverMail.enqueueMany(
    tx,
    [...outboxIds.keys()].map((outboxId) => ({ outboxId })),
    meta.now,
    (p) => deliveryOptions(outboxIds.get(p.outboxId) ?? '', orgId),
  );
}

/** Queues a pathway re-evaluation (the typed evaluatePathways job) for each earner, in one batch. */
export async function enqueuePathwayEvaluations(
  tx: Queryable,
  organisationId: number,
  recipientEmails: string[],
  now: Date,
): Promise<void> {
  await evaluatePathways.enqueueMany(
    tx,
    recipientEmails.map((recipientEmail) => ({ organisationId, recipientEmail })),
    now,
    { organisationId },
  );
}
