import { z } from 'zod';
import { invalid } from '../../../../domain/errors.ts';
import { publicId } from '../../../../domain/ids.ts';
import { parseInput } from '../../../../domain/validation.ts';
import { inTransaction } from '../../../../storage/database.ts';
import type { Actor, CommandDeps } from '../../../../domain/commands.ts';
import { requireMember } from '../../../accounts/index.ts';
import { preApprovableMicroCredentials, sessionById } from '../queries/sessions.ts';
import { auditSession } from './sessionAccess.ts';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const isoDay = (what: string) =>
  z
    .string({ message: `Give the ${what}, e.g. 2026-04-18.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Write the ${what} as a date such as 2026-04-18.`)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), `The ${what} is not a date.`);
const text = (what: string, max: number) =>
  z.string({ message: what }).trim().min(1, what).max(max, `Keep it under ${max} characters.`);

export const requestSessionInput = z
  .object({
    microCredential: text('Choose the council’s micro-credential the session leads to.', 100),
    title: text('Give the session’s title.', 200),
    startsOn: isoDay('first day'),
    endsOn: z.preprocess(blankToUndefined, isoDay('last day').optional()),
    hours: z.preprocess(
      (v) =>
        v === '' || v === undefined || v === null
          ? undefined
          : typeof v === 'string'
            ? Number(v.trim().replace(',', '.'))
            : v,
      z
        .number({ message: 'Give the contact hours, e.g. 3 or 1.5.' })
        .positive('The contact hours must be more than 0.')
        .max(1000, 'The contact hours are at most 1000.')
        .multipleOf(0.25, 'Use quarter hours at most (e.g. 1.25).'),
    ),
    presenter: text('Name the presenter.', 300),
    description: text('Describe the content: the agenda and what attendees will be able to do.', 10000),
  })
  .refine((v) => !v.endsOn || v.endsOn >= v.startsOn, {
    message: 'The last day cannot be before the first day.',
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
      throw invalid({
        microCredential:
          'Choose a published micro-credential that is earned with a certificate of completion.',
      });
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
