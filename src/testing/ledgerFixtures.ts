import { sql } from 'kysely';
import { testConfig, testCredentialServices } from './http.ts';
import { unique } from './databases.ts';
import { addMember, buildOrganisation, buildUser } from './factories.ts';
import { completeDesign } from './catalogFixtures.ts';
import { ManualClock } from '../domain/clock.ts';
import { publicId } from '../domain/ids.ts';
import { silentLogger } from '../logger.ts';
import { outboxOnlyMailer } from '../mail/mailer.ts';
import { Worker } from '../jobs/worker.ts';
import type { JobDefinition } from '../jobs/definition.ts';
import { ledgerJobs } from '../features/credit/jobs.ts';
import { webhookJobs } from '../features/webhooks/deliverJob.ts';
import { notificationJobs } from '../features/notifications/jobs.ts';
import type { Storage } from '../storage/database.ts';
import { createMicroCredential } from '../features/catalog/commands/createMicroCredential.ts';
import { publishDraft } from '../features/catalog/commands/publishDraft.ts';
import { updateDraft } from '../features/catalog/commands/updateDraft.ts';
import { issueCredential } from '../features/issuing/commands/issueCredential.ts';
import { changeCredentialStatus } from '../features/issuing/commands/changeCredentialStatus.ts';
import { createProgram } from '../features/recognition/commands/createProgram.ts';
import { linkLicense } from '../features/credit/commands/linkLicense.ts';

export const ledgerConfig = testConfig({ CAIRN_WEBHOOK_ALLOW_PRIVATE: 'true' });
const config = ledgerConfig;
const services = testCredentialServices();

/** An issuer with a published micro-credential, a recognizer program approving version 1, an earner. */
export async function ledgerScenario(
  storage: Storage,
  options: {
    posting?: 'automatic' | 'review';
    unitRule?: 'fixed' | 'credit_hours';
    fixedHours?: number;
    cap?: number;
    hoursGranted?: number;
    digest?: boolean;
  } = {},
) {
  const clock = new ManualClock(new Date('2026-11-24T09:00:00Z'));
  const deps = { db: storage.db, config, clock, credentials: services };
  const issuerOrg = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Union Academy' });
  const staff = await buildUser(storage.db);
  await addMember(storage.db, issuerOrg.id, staff.id, ['designer', 'issuing_staff']);
  const { publicId: mcPublicId } = await createMicroCredential(deps, {
    actor: { userId: staff.id, ip: null },
    orgSlug: issuerOrg.slug,
    title: `Restorative circles ${unique('')}`,
  });
  await updateDraft(deps, {
    actor: { userId: staff.id, ip: null },
    orgSlug: issuerOrg.slug,
    microCredentialId: mcPublicId,
    ...completeDesign('Restorative circles'),
  });
  await publishDraft(deps, {
    actor: { userId: staff.id, ip: null },
    orgSlug: issuerOrg.slug,
    microCredentialId: mcPublicId,
  });
  const mc = await storage.db
    .selectFrom('micro_credentials')
    .select('id')
    .where('public_id', '=', mcPublicId)
    .executeTakeFirstOrThrow();

  const board = await buildOrganisation(storage.db, { kind: 'recognizer', name: 'State Board' });
  const officer = await buildUser(storage.db);
  await addMember(storage.db, board.id, officer.id, ['recognition_officer']);
  const officerActor = { userId: officer.id, ip: null };
  const { publicId: programPublicId } = await createProgram(deps, {
    actor: officerActor,
    orgSlug: board.slug,
    name: `Educator license renewal ${unique('')}`,
    licenseName: 'Educator license',
    cycleYears: 5,
    hoursRequired: 2,
    unitRule: options.unitRule ?? 'fixed',
    fixedHours: options.unitRule === 'credit_hours' ? undefined : (options.fixedHours ?? 0.5),
    capHoursPerCycle: options.cap,
    posting: options.posting ?? 'automatic',
    digestEmail: options.digest ?? false,
  });
  const program = await storage.db
    .selectFrom('recognition_programs')
    .selectAll()
    .where('public_id', '=', programPublicId)
    .executeTakeFirstOrThrow();
  await storage.db
    .insertInto('program_submissions')
    .values({
      public_id: publicId('rsub'),
      program_id: program.id,
      issuer_organisation_id: issuerOrg.id,
      micro_credential_id: mc.id,
      micro_credential_version: 1,
      statement: 'Peer-reviewed against the rubric.',
      status: 'approved',
      hours_granted: options.hoursGranted ?? 0.5,
      decided_by: officer.id,
      decided_at: clock.now(),
      created_at: clock.now(),
      updated_at: clock.now(),
    })
    .execute();
  const earner = await buildUser(storage.db, { name: 'Maya Teacher' });
  const worker = new Worker({
    deps: {
      db: storage.db,
      clock,
      logger: silentLogger,
      mailer: outboxOnlyMailer,
      config,
      credentials: services,
    },
    jobs: [...ledgerJobs, ...webhookJobs, ...notificationJobs] as JobDefinition<unknown>[],
    concurrency: 1,
    pollMs: 20,
  });
  const issue = () =>
    issueCredential(deps, {
      actor: { userId: staff.id, ip: null },
      organisationId: issuerOrg.id,
      recipient: { email: earner.email },
      microCredential: mcPublicId,
    });
  const revoke = (credentialPublicId: string) =>
    changeCredentialStatus(deps, {
      actor: { userId: staff.id, ip: null },
      organisationId: issuerOrg.id,
      credential: credentialPublicId,
      action: 'revoke',
      reason: 'Evidence was not the earner’s own.',
    });
  const entries = (credentialPublicId?: string) => {
    let q = storage.db
      .selectFrom('credit_entries as e')
      .innerJoin('credentials as c', 'c.id', 'e.credential_id')
      .select([
        'e.id',
        'e.hours',
        'e.kind',
        'e.reverses_entry_id',
        'e.posted_by_user_id',
        'e.reason',
        sql<string>`e.cycle_start::text`.as('cycle'),
      ])
      .where('e.program_id', '=', program.id)
      .orderBy('e.id');
    if (credentialPublicId) q = q.where('c.public_id', '=', credentialPublicId);
    return q.execute();
  };
  const notices = () =>
    storage.db
      .selectFrom('completion_notices')
      .selectAll()
      .where('program_id', '=', program.id)
      .orderBy('id')
      .execute();
  const link = (cycleStart = '2025-07-01') =>
    linkLicense(deps, {
      actor: { userId: earner.id, ip: null },
      program: programPublicId,
      licenseNumber: 'EDU-123456',
      cycleStart,
    });
  const audit = async () =>
    (
      await storage.db
        .selectFrom('audit_events')
        .select('action')
        .where('organisation_id', '=', board.id)
        .orderBy('id')
        .execute()
    ).map((a) => a.action);
  return {
    clock,
    deps,
    issuerOrg,
    staff,
    mcPublicId,
    board,
    officer,
    officerActor,
    program,
    programPublicId,
    earner,
    worker,
    issue,
    revoke,
    entries,
    notices,
    link,
    audit,
  };
}
