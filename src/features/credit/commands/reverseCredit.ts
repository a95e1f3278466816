import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { insertReversal, unreversedCredit } from '../queries/reversals.ts';
import { isRevoked } from '../queries/earners.ts';

/**
 * The `recognition.reverse_credits` job: every credit entry of a revoked credential gets a
 * reversal entry (negative hours, same cycle), never an edit. Idempotent: an entry is reversed once.
 */
export async function reverseCredit(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  { credentialId }: { credentialId: number },
): Promise<number> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    if (!(await isRevoked(tx, credentialId))) return 0;
    const open = await unreversedCredit(tx, credentialId);
    for (const e of open) {
      const reversal = await insertReversal(tx, e, 'The issuer revoked the credential.', now);
      await recordAudit(
        tx,
        {
          organisationId: e.organisation_id,
          actorUserId: null,
          action: 'credit.reversed',
          subjectType: 'credit_entry',
          subjectId: reversal,
          data: { reverses: e.public_id, credential: e.credential_public_id, hours: -Number(e.hours) },
          ip: null,
        },
        now,
      );
    }
    return open.length;
  });
}
