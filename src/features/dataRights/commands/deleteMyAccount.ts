import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { conflict, forbidden, invalid } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { verifyPassword } from '../../accounts/index.ts';
import { inTransaction, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { issuedBadgesOf } from '../../backpack/index.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { liveAccount } from '../queries/accounts.ts';
import {
  addressesOf,
  anonymiseAccount,
  forgetAddresses,
  lockAccount,
  makeCredentialsPrivate,
  organisationsOwnedOnlyBy,
  removeEvidence,
  removeOwnRows,
  unreferencedFiles,
} from '../queries/deleteAccount.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const DELETE_CONFIRMATION = 'delete my account';
export const DELETED_NAME = 'Deleted account';

export const deleteAccountInput = z.object({
  /** The account to delete, by public id; when given, it must be the actor's own. */
  account: z.string().trim().optional(),
  password: z.string().min(1, commandMessage('errors.dataRights.enterPassword')),
  confirmation: z.string().refine((v) => v.trim().toLowerCase() === DELETE_CONFIRMATION, {
    message: commandMessage('errors.dataRights.typeToConfirm', { phrase: DELETE_CONFIRMATION }),
  }),
});

/** Refuses while the person is the only owner of an organisation. */
async function refuseIfLastOwner(tx: Tx, userId: number): Promise<void> {
  const lastOwnerOf = await organisationsOwnedOnlyBy(tx, userId);
  if (lastOwnerOf.length) {
    throw conflict(commandMessage('errors.dataRights.lastOwner', { organisations: lastOwnerOf.join(', ') }));
  }
}

/** Everything of the account goes or is anonymised, in the caller's transaction; returns the files no row needs now. */
async function eraseAccount(tx: Tx, user: { id: number; public_id: string }, now: Date): Promise<string[]> {
  await lockAccount(tx, user.id);
  await refuseIfLastOwner(tx, user.id);
  // Badges issued to this person become private: their pages show only the verdict.
  const badges = await issuedBadgesOf(tx, user.id, now);
  await makeCredentialsPrivate(
    tx,
    user.id,
    badges.map((b) => b.id),
    now,
  );
  const emails = await addressesOf(tx, user.id);
  const files = await removeEvidence(tx, user.id);
  await removeOwnRows(tx, user.id);
  await forgetAddresses(tx, emails);
  await anonymiseAccount(tx, user.id, DELETED_NAME, now);
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
  return unreferencedFiles(tx, [...new Set(files)]);
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
export async function deleteMyAccount(
  deps: CommandDeps,
  { actor, ...input }: { actor: Actor } & Record<string, unknown>,
): Promise<void> {
  const user = await liveAccount(deps.db, actor.userId);
  if (!user) throw forbidden(commandMessage('errors.dataRights.ownAccountOnly'));
  const { account, password } = parseInput(deleteAccountInput, input);
  if (account !== undefined && account !== user.public_id)
    throw forbidden(commandMessage('errors.dataRights.ownAccountOnly'));
  if (!(await verifyPassword(user.password_hash, password)))
    throw invalid({ password: commandMessage('errors.dataRights.wrongPassword') });
  const now = deps.clock.now();
  const orphanedFiles = await inTransaction(deps.db, (tx) => eraseAccount(tx, user, now));
  if (deps.config.fileStore === 'disk') {
    const dir = resolve(deps.config.dataDir, 'files');
    for (const hash of orphanedFiles) {
      const path = join(dir, hash);
      if (/^[0-9a-f]{64}$/.test(hash) && existsSync(path)) rmSync(path, { force: true });
    }
  }
}
