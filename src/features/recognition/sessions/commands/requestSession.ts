import { z } from 'zod';
import { invalid } from '../../../../domain/errors.ts';
import { publicId } from '../../../../domain/ids.ts';
import { parseInput } from '../../../../domain/validation.ts';
import { inTransaction } from '../../../../storage/database.ts';
import type { Actor, CommandDeps } from '../../../../domain/commands.ts';
import { requireMember } from '../../../accounts/index.ts';
import { preApprovableMicroCredentials, sessionById } from '../queries/sessions.ts';
import { auditSession } from './sessionAccess.ts';
import { commandMessage } from '../../../../web/i18n/commandMessages.ts';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const isoDay = (day: 'firstDay' | 'lastDay') =>
  z
    .string({ message: commandMessage(`errors.recognition.sessions.${day}`) })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, commandMessage(`errors.recognition.sessions.${day}Format`))
    .refine(
      (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)),
      commandMessage(`errors.recognition.sessions.${day}NotDate`),
    );
const text = (what: string, max: number) =>
  z
    .string({ message: what })
    .trim()
    .min(1, what)
    .max(max, commandMessage('errors.recognition.keepUnder', { max: String(max) }));

export const requestSessionInput = z
  .object({
    microCredential: text(commandMessage('errors.recognition.sessions.microCredential'), 100),
    title: text(commandMessage('errors.recognition.sessions.title'), 200),
    startsOn: isoDay('firstDay'),
    endsOn: z.preprocess(blankToUndefined, isoDay('lastDay').optional()),
    hours: z.preprocess(
      (v) =>
        v === '' || v === undefined || v === null
          ? undefined
          : typeof v === 'string'
            ? Number(v.trim().replace(',', '.'))
            : v,
      z
        .number({ message: commandMessage('errors.recognition.sessions.contactHours') })
        .positive(commandMessage('errors.recognition.sessions.contactHoursPositive'))
        .max(1000, commandMessage('errors.recognition.sessions.contactHoursMax'))
        .multipleOf(0.25, commandMessage('errors.recognition.sessions.quarterHours')),
    ),
    presenter: text(commandMessage('errors.recognition.sessions.presenter'), 300),
    description: text(commandMessage('errors.recognition.sessions.description'), 10000),
  })
  .refine((v) => !v.endsOn || v.endsOn >= v.startsOn, {
    message: commandMessage('errors.recognition.sessions.lastBeforeFirst'),
    path: ['endsOn'],
  });

/**
 * A continuing-education provider asks a council to pre-approve one session's content against the
 * council's proof-of-completion micro-credential. The council's staff are told (notifications).
 */
export async function requestSession(
  deps: CommandDeps,
  { actor, orgSlug, ...input }: { actor: Actor; orgSlug: string } & Record<string, unknown>,
): Promise<{ publicId: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation: provider } = await requireMember(tx, orgSlug, actor.userId, 'recognition.submit');
    const v = parseInput(requestSessionInput, input);
    const [mc] = await preApprovableMicroCredentials(tx, v.microCredential);
    if (!mc)
      throw invalid({ microCredential: commandMessage('errors.recognition.sessions.proofMicroCredential') });
    const row = await tx
      .insertInto('ce_sessions')
      .values({
        public_id: publicId('ses'),
        council_organisation_id: mc.organisation_id,
        micro_credential_id: mc.id,
        provider_organisation_id: provider.id,
        provider_name: provider.name,
        title: v.title,
        starts_on: v.startsOn,
        ends_on: v.endsOn ?? null,
        hours: v.hours,
        description: v.description,
        presenter: v.presenter,
        status: 'submitted',
        requested_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'public_id'])
      .executeTakeFirstOrThrow();
    const session = await sessionById(tx, row.id);
    await auditSession(
      tx,
      session,
      actor,
      'requested',
      { microCredential: mc.public_id, hours: v.hours },
      now,
    );
    return { publicId: row.public_id };
  });
}
