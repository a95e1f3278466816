import { sql } from 'kysely';
import type { Queryable } from '../../../storage/database.ts';

// Reads and writes of deleting an account (commands/deleteMyAccount.ts), all in its transaction.

/** Serialises with other changes to this account (a second deletion, a role change). */
export async function lockAccount(db: Queryable, userId: number): Promise<void> {
  await db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}

/** The organisations of which this person is the only owner, by name. */
export async function organisationsOwnedOnlyBy(db: Queryable, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.name'])
    .where('m.user_id', '=', userId)
    .where(({ eb, val }) => eb(val('owner'), '=', eb.fn.any('m.roles')))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('memberships as other')
            .select('other.id')
            .whereRef('other.organisation_id', '=', 'm.organisation_id')
            .where('other.user_id', '!=', userId)
            .where(({ eb, val }) => eb(val('owner'), '=', eb.fn.any('other.roles'))),
        ),
      ),
    )
    .orderBy('o.name')
    .execute();
  return rows.map((r) => r.name);
}

/** Makes these credentials private for this person: their pages show only the verdict. */
export async function makeCredentialsPrivate(
  db: Queryable,
  userId: number,
  credentialIds: number[],
  now: Date,
): Promise<void> {
  if (!credentialIds.length) return;
  await db
    .insertInto('credential_privacy')
    .values(
      credentialIds.map((id) => ({ credential_id: id, user_id: userId, private: true, updated_at: now })),
    )
    .onConflict((oc) =>
      oc.column('credential_id').doUpdateSet({ user_id: userId, private: true, updated_at: now }),
    )
    .execute();
}

/** A person's email addresses. */
export async function addressesOf(db: Queryable, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_emails').select('email').where('user_id', '=', userId).execute();
  return rows.map((e) => e.email);
}

/**
 * Evidence goes: drafts, files and the copies frozen in each attempt; reviews keep their scores.
 * Returns the deleted files' hashes.
 */
export async function removeEvidence(db: Queryable, userId: number): Promise<string[]> {
  const applications = db.selectFrom('applications').select('id').where('earner_user_id', '=', userId);
  await db.deleteFrom('evidence_items').where('application_id', 'in', applications).execute();
  const files = await db
    .deleteFrom('evidence_files')
    .where('application_id', 'in', applications)
    .returning('sha256')
    .execute();
  await db
    .updateTable('attempts')
    .set({ evidence: '[]' })
    .where('application_id', 'in', applications)
    .execute();
  return files.map((f) => f.sha256);
}

/** Of these file hashes, the ones no evidence row points at any more. */
export async function unreferencedFiles(db: Queryable, hashes: string[]): Promise<string[]> {
  if (!hashes.length) return [];
  const still = await db
    .selectFrom('evidence_files')
    .select('sha256')
    .where('sha256', 'in', hashes)
    .execute();
  return hashes.filter((h) => !still.some((s) => s.sha256 === h));
}

/**
 * Mail to these addresses and any delivery still waiting for it, open invitations to them, and
 * the addresses inside audit rows (which keep what happened).
 */
export async function forgetAddresses(db: Queryable, emails: string[]): Promise<void> {
  if (!emails.length) return;
  const outbox = await db
    .deleteFrom('mail_outbox')
    .where('to_address', 'in', emails)
    .returning('id')
    .execute();
  if (outbox.length) {
    await db
      .deleteFrom('jobs')
      .where('status', '=', 'queued')
      .where(sql<boolean>`(payload->>'outboxId')::bigint in (${sql.join(outbox.map((o) => o.id))})`)
      .execute();
  }
  await db.deleteFrom('invitations').where('email', 'in', emails).where('accepted_at', 'is', null).execute();
  await db
    .deleteFrom('team_invitations')
    .where('email', 'in', emails)
    .where('accepted_at', 'is', null)
    .execute();
  // Audit rows keep what happened; the addresses in them go.
  for (const email of emails) {
    if (/["\\]/.test(email)) continue;
    await db
      .updateTable('audit_events')
      .set({ data: sql`replace(data::text, ${email}, '[deleted]')::jsonb` })
      .where(sql<boolean>`data::text like ${`%${email.replace(/[%_]/g, (c) => `\\${c}`)}%`}`)
      .execute();
  }
}

/** The person's own rows: collections, imports, memberships, teams, sessions and account tokens. */
export async function removeOwnRows(db: Queryable, userId: number): Promise<void> {
  await db.deleteFrom('collections').where('user_id', '=', userId).execute();
  await db.deleteFrom('imported_credentials').where('user_id', '=', userId).execute();
  await db.deleteFrom('memberships').where('user_id', '=', userId).execute();
  await db.deleteFrom('team_members').where('user_id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
}

/** The email addresses go, the audit rows forget where the person acted from, the user row is anonymised. */
export async function anonymiseAccount(
  db: Queryable,
  userId: number,
  name: string,
  now: Date,
): Promise<void> {
  await db.deleteFrom('user_emails').where('user_id', '=', userId).execute();
  await db.updateTable('audit_events').set({ ip: null }).where('actor_user_id', '=', userId).execute();
  await db
    .updateTable('users')
    .set({ name, password_hash: '!deleted', is_platform_admin: false, deleted_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}
