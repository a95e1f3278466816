import { z } from 'zod';
import { nameSchema } from '../rules.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';

/** Changes the account's display name. */
export async function updateProfile(deps: CommandDeps, { actor, ...input }: CommandOptions): Promise<void> {
  const { name } = parseInput(z.object({ name: nameSchema }), input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await tx.updateTable('users').set({ name, updated_at: now }).where('id', '=', actor.userId).execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'user.profile_updated',
        subjectType: 'user',
        data: { name },
        ip: actor.ip,
      },
      now,
    );
  });
}
