import type { Actor } from '../../../domain/commands.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Queryable } from '../../../storage/database.ts';

/** An earner's own action in their backpack, in the audit log (no organisation). */
export function auditEarnerAction(
  tx: Queryable,
  actor: Actor,
  entry: {
    action: string;
    subjectType: 'credential' | 'imported_credential' | 'collection';
    subjectId: string;
    data?: Record<string, unknown>;
  },
  now: Date,
): Promise<void> {
  return recordAudit(tx, { organisationId: null, actorUserId: actor.userId, ip: actor.ip, ...entry }, now);
}
