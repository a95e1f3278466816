import { publicId } from '../../../domain/ids.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { dayString } from '../renewal.ts';
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
    const open = await tx
      .selectFrom('credit_entries as e')
      .innerJoin('recognition_programs as p', 'p.id', 'e.program_id')
      .innerJoin('credentials as c', 'c.id', 'e.credential_id')
      .leftJoin('credit_entries as r', 'r.reverses_entry_id', 'e.id')
      .select([
        'e.id',
        'e.public_id',
        'e.license_record_id',
        'e.program_id',
        'e.credential_id',
        'e.notice_id',
        'e.hours',
        'e.cycle_start',
        'p.organisation_id',
        'c.public_id as credential_public_id',
      ])
      .where('e.credential_id', '=', credentialId)
      .where('e.kind', '=', 'credit')
      .where('r.id', 'is', null)
      .execute();
    for (const e of open) {
      const reversal = await tx
        .insertInto('credit_entries')
        .values({
          public_id: publicId('cre'),
          license_record_id: e.license_record_id,
          program_id: e.program_id,
          credential_id: e.credential_id,
          notice_id: e.notice_id,
          hours: -Number(e.hours),
          cycle_start: dayString(e.cycle_start),
          kind: 'reversal',
          reverses_entry_id: e.id,
          posted_by_user_id: null,
          reason: 'The issuer revoked the credential.',
          created_at: now,
        })
        .returning('public_id')
        .executeTakeFirstOrThrow();
      await recordAudit(
        tx,
        {
          organisationId: e.organisation_id,
          actorUserId: null,
          action: 'credit.reversed',
          subjectType: 'credit_entry',
          subjectId: reversal.public_id,
          data: { reverses: e.public_id, credential: e.credential_public_id, hours: -Number(e.hours) },
          ip: null,
        },
        now,
      );
    }
    return open.length;
  });
}
