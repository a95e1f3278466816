import { z } from 'zod';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { requireMember } from '../../accounts/index.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

/** A form or JSON number; '' and null mean "not given". */
const optionalHours = (label: string) =>
  z.preprocess(
    (v) =>
      v === '' || v === null || v === undefined
        ? undefined
        : typeof v === 'string'
          ? Number(v.trim().replace(',', '.'))
          : v,
    z
      .number({ message: `${label} must be a number of hours, e.g. 0.5.` })
      .min(0, `${label} cannot be negative.`)
      .max(10000, `${label} is at most 10000 hours.`)
      .optional(),
  );

export const programInput = z
  .object({
    name: z
      .string({ message: 'Name the program.' })
      .trim()
      .min(2, 'Name the program, e.g. “Educator license renewal”.')
      .max(200, 'Keep the name under 200 characters.'),
    licenseName: z
      .string({ message: 'Name the credential the program maintains.' })
      .trim()
      .min(2, 'Name the credential the program maintains, e.g. “Educator license”.')
      .max(200),
    description: z.string().trim().max(5000).default(''),
    cycleYears: z.preprocess(
      (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v),
      z
        .number({ message: 'Give the renewal cycle in whole years (1–20).' })
        .int('Give the renewal cycle in whole years (1–20).')
        .min(1, 'A renewal cycle is 1 to 20 years.')
        .max(20, 'A renewal cycle is 1 to 20 years.'),
    ),
    hoursRequired: z.preprocess(
      (v) =>
        v === '' || v === undefined
          ? undefined
          : typeof v === 'string'
            ? Number(v.trim().replace(',', '.'))
            : v,
      z
        .number({ message: 'Give the credit hours required per cycle, e.g. 150.' })
        .min(0, 'The hours required cannot be negative.')
        .max(10000, 'The hours required are at most 10000.'),
    ),
    unitRule: z.enum(['fixed', 'credit_hours'], {
      message:
        'Choose how an approved micro-credential counts: a fixed number of hours or its own credit hours.',
    }),
    fixedHours: optionalHours('Hours per micro-credential'),
    capHoursPerCycle: optionalHours('The cap per cycle'),
    posting: z.preprocess(
      (v) => (v === '' || v === undefined ? 'automatic' : v),
      z.enum(['automatic', 'review'], { message: 'Choose automatic posting or posting after review.' }),
    ),
    digestEmail: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.unitRule === 'fixed' && v.fixedHours === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['fixedHours'],
        message: 'With the fixed rule, give the hours each approved micro-credential counts for, e.g. 0.5.',
      });
    if (v.unitRule === 'fixed' && v.fixedHours === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['fixedHours'],
        message: 'Hours per micro-credential must be more than 0.',
      });
    if (v.capHoursPerCycle !== undefined && v.capHoursPerCycle === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['capHoursPerCycle'],
        message: 'A cap of 0 hours would count nothing: leave it empty for no cap.',
      });
    if (v.capHoursPerCycle !== undefined && v.hoursRequired > 0 && v.capHoursPerCycle > v.hoursRequired) {
      ctx.addIssue({
        code: 'custom',
        path: ['capHoursPerCycle'],
        message: 'The cap per cycle cannot exceed the hours required per cycle.',
      });
    }
  });

export type ProgramInput = z.output<typeof programInput>;

/** The recognizer's membership, for managing its programs and reviewing submissions. */
export async function requireRecognizer(
  db: Queryable,
  slug: string,
  userId: number,
  action: 'recognition.read' | 'recognition.manage',
): Promise<Organisation> {
  const { organisation } = await requireMember(db, slug, userId, action);
  if (organisation.kind === 'issuer')
    throw new AppError(
      'forbidden',
      'Only recognizer organisations run recognition programs. An administrator can change the organisation’s kind.',
    );
  return organisation;
}

function columns(v: ProgramInput) {
  return {
    name: v.name,
    license_name: v.licenseName,
    description: v.description,
    cycle_years: v.cycleYears,
    hours_required: v.hoursRequired,
    unit_rule: v.unitRule,
    fixed_hours: v.unitRule === 'fixed' ? (v.fixedHours ?? null) : null,
    cap_hours_per_cycle: v.capHoursPerCycle ?? null,
    posting: v.posting,
    digest_email: v.digestEmail,
  };
}

/** Creates a recognition program (recognizer officers and administrators). */
export async function createProgram(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  input: unknown,
): Promise<{ publicId: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, orgSlug, actor.userId, 'recognition.manage');
    const v = parseInput(programInput, input);
    const same = await tx
      .selectFrom('recognition_programs')
      .select('id')
      .where('organisation_id', '=', organisation.id)
      .where('name', '=', v.name)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (same)
      throw conflict('A program with that name exists.', {
        name: `“${v.name}” is already a program of ${organisation.name}.`,
      });
    const row = await tx
      .insertInto('recognition_programs')
      .values({
        public_id: publicId('rprg'),
        organisation_id: organisation.id,
        ...columns(v),
        created_at: now,
        updated_at: now,
      })
      .returning('public_id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'recognition.program_created',
        subjectType: 'recognition_program',
        subjectId: row.public_id,
        data: {
          name: v.name,
          cycleYears: v.cycleYears,
          hoursRequired: v.hoursRequired,
          unitRule: v.unitRule,
          fixedHours: v.fixedHours ?? null,
          cap: v.capHoursPerCycle ?? null,
        },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id };
  });
}

/** Changes a program's terms; approvals already granted keep the hours they were granted with. */
export async function updateProgram(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  programPublicId: string,
  input: unknown,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, orgSlug, actor.userId, 'recognition.manage');
    const program = await tx
      .selectFrom('recognition_programs')
      .select(['id'])
      .where('organisation_id', '=', organisation.id)
      .where('public_id', '=', programPublicId)
      .executeTakeFirst();
    if (!program) throw notFound('That program');
    const v = parseInput(programInput, input);
    const same = await tx
      .selectFrom('recognition_programs')
      .select('id')
      .where('organisation_id', '=', organisation.id)
      .where('name', '=', v.name)
      .where('id', '!=', program.id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (same)
      throw conflict('A program with that name exists.', {
        name: `“${v.name}” is already a program of ${organisation.name}.`,
      });
    await tx
      .updateTable('recognition_programs')
      .set({ ...columns(v), updated_at: now })
      .where('id', '=', program.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'recognition.program_updated',
        subjectType: 'recognition_program',
        subjectId: programPublicId,
        data: {
          name: v.name,
          cycleYears: v.cycleYears,
          hoursRequired: v.hoursRequired,
          unitRule: v.unitRule,
          fixedHours: v.fixedHours ?? null,
          cap: v.capHoursPerCycle ?? null,
        },
        ip: actor.ip,
      },
      now,
    );
  });
}

/** Archives a program: no new submissions; approvals already granted stay in force. */
export async function archiveProgram(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  programPublicId: string,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, orgSlug, actor.userId, 'recognition.manage');
    const res = await tx
      .updateTable('recognition_programs')
      .set({ archived_at: now, updated_at: now })
      .where('organisation_id', '=', organisation.id)
      .where('public_id', '=', programPublicId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!res.numUpdatedRows) throw notFound('That program');
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'recognition.program_archived',
        subjectType: 'recognition_program',
        subjectId: programPublicId,
        ip: actor.ip,
      },
      now,
    );
  });
}

/** Programs an issuer can submit to: every open program of recognizer organisations. */
export async function openPrograms(db: Queryable, excludeOrganisationId?: number) {
  let q = db
    .selectFrom('recognition_programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.public_id',
      'p.name',
      'p.license_name',
      'p.unit_rule',
      'p.fixed_hours',
      'o.name as organisation_name',
      'o.slug as organisation_slug',
    ])
    .where('p.archived_at', 'is', null)
    .where('o.kind', 'in', ['recognizer', 'both'])
    .orderBy('o.name')
    .orderBy('p.name');
  if (excludeOrganisationId !== undefined) q = q.where('o.id', '!=', excludeOrganisationId);
  return q.execute();
}
