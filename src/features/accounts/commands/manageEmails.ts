import { z } from 'zod';
import { emailSchema } from '../rules.ts';
import { conflict, invalid, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Tx } from '../../../storage/database.ts';
import { emailsOf, findUser } from '../../../storage/users.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { sendConfirmation } from './signUp.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

// Earners lose school emails: an account keeps several addresses, each confirmed by a link.

/** Adds an address to the account and emails it a confirmation link. */
export async function addEmail(deps: CommandDeps, actor: Actor, input: unknown): Promise<void> {
  const { email } = parseInput(z.object({ email: emailSchema }), input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const mine = await emailsOf(tx, actor.userId);
    if (mine.some((e) => e.email === email))
      throw invalid({ email: 'This address is already on your account.' });
    if (mine.length >= 10)
      throw invalid({ email: 'An account can hold at most 10 addresses; remove one first.' });
    const taken = await tx
      .selectFrom('user_emails')
      .select('id')
      .where('email', '=', email)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst();
    if (taken)
      throw conflict('That address belongs to another account.', {
        email: 'That address belongs to another account.',
      });
    const user = await findUser(tx, actor.userId);
    const row = await tx
      .insertInto('user_emails')
      .values({ user_id: actor.userId, email, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sendConfirmation(
      tx,
      deps.config,
      { userId: actor.userId, emailId: row.id, email, name: user?.name ?? '', newAddress: true },
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'user.email_added',
        subjectType: 'email',
        subjectId: email,
        ip: actor.ip,
      },
      now,
    );
  });
}

async function ownAddress(tx: Tx, userId: number, emailId: number) {
  const row = await tx
    .selectFrom('user_emails')
    .selectAll()
    .where('id', '=', emailId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('That address');
  return row;
}

/** Removes an address; the primary address and the last confirmed one stay. */
export async function removeEmail(deps: CommandDeps, actor: Actor, emailId: number): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const row = await ownAddress(tx, actor.userId, emailId);
    if (row.is_primary) throw conflict('Make another confirmed address primary before removing this one.');
    await tx.deleteFrom('user_emails').where('id', '=', row.id).execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'user.email_removed',
        subjectType: 'email',
        subjectId: row.email,
        ip: actor.ip,
      },
      now,
    );
  });
}

/** Makes a confirmed address the one Cairn writes to. */
export async function makeEmailPrimary(deps: CommandDeps, actor: Actor, emailId: number): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const row = await ownAddress(tx, actor.userId, emailId);
    if (!row.confirmed_at) throw conflict('Confirm this address before making it primary.');
    await tx
      .updateTable('user_emails')
      .set({ is_primary: false })
      .where('user_id', '=', actor.userId)
      .where('is_primary', '=', true)
      .execute();
    await tx.updateTable('user_emails').set({ is_primary: true }).where('id', '=', row.id).execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'user.email_made_primary',
        subjectType: 'email',
        subjectId: row.email,
        ip: actor.ip,
      },
      now,
    );
  });
}
