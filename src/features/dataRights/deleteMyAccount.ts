import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import { conflict, invalid } from '../../domain/errors.ts';
import { parseInput } from '../../domain/validation.ts';
import { verifyPassword } from '../accounts/index.ts';
import { inTransaction, type Tx } from '../../storage/database.ts';
import { recordAudit } from '../../storage/audit.ts';
import { issuedBadgesOf } from '../backpack/index.ts';
import type { Actor, CommandDeps } from '../../domain/commands.ts';

export const DELETE_CONFIRMATION = 'delete my account';
export const DELETED_NAME = 'Deleted account';

export const deleteAccountInput = z.object({
  password: z.string().min(1, 'Enter your password.'),
  confirmation: z.string().refine((v) => v.trim().toLowerCase() === DELETE_CONFIRMATION, {
    message: `Type “${DELETE_CONFIRMATION}” to confirm.`,
  }),
});

/** Refuses while the person is the only owner of an organisation. */
async function refuseIfLastOwner(tx: Tx, userId: number): Promise<void> {
  const lastOwnerOf = await tx
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
  if (lastOwnerOf.length) {
    throw conflict(
      `You are the only owner of ${lastOwnerOf.map((o) => o.name).join(', ')}. Make someone else an owner (or remove the organisation) before deleting your account.`,
    );
  }
}

/** Badges issued to this person become private: their pages show only the verdict. */
async function makeBadgesPrivate(tx: Tx, userId: number, now: Date): Promise<void> {
  const badges = await issuedBadgesOf(tx, userId, now);
  if (badges.length) {
    await tx
      .insertInto('credential_privacy')
      .values(badges.map((b) => ({ credential_id: b.id, user_id: userId, private: true, updated_at: now })))
      .onConflict((oc) =>
        oc.column('credential_id').doUpdateSet({ user_id: userId, private: true, updated_at: now }),
      )
      .execute();
  }
}

/**
 * Evidence goes: drafts, files and the copies frozen in each attempt; reviews keep their scores.
 * Returns the deleted files' hashes.
 */
async function removeEvidence(tx: Tx, userId: number): Promise<Array<{ sha256: string }>> {
  const applications = tx.selectFrom('applications').select('id').where('earner_user_id', '=', userId);
  await tx.deleteFrom('evidence_items').where('application_id', 'in', applications).execute();
  const files = await tx
    .deleteFrom('evidence_files')
    .where('application_id', 'in', applications)
    .returning('sha256')
    .execute();
  await tx
    .updateTable('attempts')
    .set({ evidence: '[]' })
    .where('application_id', 'in', applications)
    .execute();
  return files;
}

/**
 * Mail to their addresses and any delivery still waiting for it, open invitations to them, and
 * the addresses inside audit rows (which keep what happened).
 */
async function forgetAddresses(tx: Tx, emails: string[]): Promise<void> {
  if (!emails.length) return;
  const outbox = await tx
    .deleteFrom('mail_outbox')
    .where('to_address', 'in', emails)
    .returning('id')
    .execute();
  if (outbox.length) {
    await tx
      .deleteFrom('jobs')
      .where('status', '=', 'queued')
      .where(sql<boolean>`(payload->>'outboxId')::bigint in (${sql.join(outbox.map((o) => o.id))})`)
      .execute();
  }
  await tx.deleteFrom('invitations').where('email', 'in', emails).where('accepted_at', 'is', null).execute();
  await tx
    .deleteFrom('team_invitations')
    .where('email', 'in', emails)
    .where('accepted_at', 'is', null)
    .execute();
  // Audit rows keep what happened; the addresses in them go.
  for (const email of emails) {
    if (/["\\]/.test(email)) continue;
    await tx
      .updateTable('audit_events')
      .set({ data: sql`replace(data::text, ${email}, '[deleted]')::jsonb` })
      .where(sql<boolean>`data::text like ${`%${email.replace(/[%_]/g, (c) => `\\${c}`)}%`}`)
      .execute();
  }
}

/**
 * Deletes a person's account: their name, email addresses, password, sessions, evidence (text,
 * links and files), backpack imports, collections, memberships and teams go; mail to their
 * addresses is dropped; their audit entries keep what happened but lose the address it came from
 * and any email address in them. The user row stays, anonymised, so credentials issued to them
 * stay verifiable (signed documents and status lists are not touched) and their badge pages
 * show the verdict only, as for a private badge; the append-only credit ledger and licenses stay
 * (the recognizer's record). Refused while they are the last owner of an organisation.
 */
export async function deleteMyAccount(deps: CommandDeps, actor: Actor, input: unknown): Promise<void> {
  const { password } = parseInput(deleteAccountInput, input);
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'public_id', 'password_hash', 'deleted_at'])
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  if (!user || user.deleted_at || !(await verifyPassword(user.password_hash, password)))
    throw invalid({ password: 'That is not your password.' });
  const now = deps.clock.now();
  const orphanedFiles = await inTransaction(deps.db, async (tx) => {
    // Serialise with other changes to this account (a second deletion, a role change).
    await tx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
    await refuseIfLastOwner(tx, user.id);

    await makeBadgesPrivate(tx, user.id, now);

    const emails = (
      await tx.selectFrom('user_emails').select('email').where('user_id', '=', user.id).execute()
    ).map((e) => e.email);

    const files = await removeEvidence(tx, user.id);

    await tx.deleteFrom('collections').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('imported_credentials').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('memberships').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('team_members').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('account_tokens').where('user_id', '=', user.id).execute();
    await forgetAddresses(tx, emails);
    await tx.deleteFrom('user_emails').where('user_id', '=', user.id).execute();
    await tx.updateTable('audit_events').set({ ip: null }).where('actor_user_id', '=', user.id).execute();
    await tx
      .updateTable('users')
      .set({
        name: DELETED_NAME,
        password_hash: '!deleted',
        is_platform_admin: false,
        deleted_at: now,
        updated_at: now,
      })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: user.id,
        action: 'user.deleted',
        subjectType: 'user',
        subjectId: user.public_id,
      },
      now,
    );

    // Files on disk no other row points at can go once this commits.
    const hashes = [...new Set(files.map((f) => f.sha256))];
    if (!hashes.length) return [];
    const still = await tx
      .selectFrom('evidence_files')
      .select('sha256')
      .where('sha256', 'in', hashes)
      .execute();
    return hashes.filter((h) => !still.some((s) => s.sha256 === h));
  });
  if (deps.config.fileStore === 'disk') {
    const dir = resolve(deps.config.dataDir, 'files');
    for (const hash of orphanedFiles) {
      const path = join(dir, hash);
      if (/^[0-9a-f]{64}$/.test(hash) && existsSync(path)) rmSync(path, { force: true });
    }
  }
}
