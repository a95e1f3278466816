import { z } from 'zod';
import type { Actor, ApiTokenActor } from '../../domain/commands.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

/**
 * Who asks an issuing command to act. The command itself checks that this actor may act for the
 * organisation it names (issuerAccess.ts `actFor`); nothing the caller says about the
 * organisation is trusted.
 *
 * - a signed-in person (`Actor`, no `kind`): must be a member of the organisation whose roles
 *   allow the action (issuing staff, administrators, owners);
 * - an organisation API token: must belong to the organisation and hold the scope;
 * - Cairn itself (`systemActor`): its jobs (an application passed, a pathway completed, a large
 *   roster checked), never a request.
 */
export type IssuingActor = Actor | ApiTokenActor | SystemActor;

export type { ApiTokenActor };

/** Cairn's own jobs and command-line steps run by the operator. */
export interface SystemActor {
  kind: 'system';
  /** What acts, for the reader of the code and logs: the job's name. */
  job: string;
}

export const systemActor = (job: string): SystemActor => ({ kind: 'system', job });

/**
 * Who acts once the command has checked the actor: the organisation, the account (null for a
 * token or a job) and the address, as the audit log and `issued_by` record them.
 */
export interface ActingFor {
  organisationId: number;
  userId: number | null;
  ip: string | null;
}

/** The organisation a command acts for: set by the route, job or CLI after the body, never from it. */
export const organisationIdInput = z.object({
  organisationId: z
    .number({ message: commandMessage('errors.issuing.organisation.name') })
    .int()
    .positive(),
});
