import type { Config } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { Actor } from '../domain/commands.ts';
import type { Db } from '../storage/database.ts';
import type { CredentialServices } from '../signing/organisationSigner.ts';
import { silentLogger } from '../logger.ts';
import { outboxOnlyMailer } from '../mail/mailer.ts';
import { Worker } from '../jobs/worker.ts';
import { allJobs } from './jobRegistry.ts';
import { applyForMicroCredential } from '../features/earning/commands/applyForMicroCredential.ts';
import {
  saveEvidence,
  saveEvidenceFile,
  submitApplication,
} from '../features/earning/commands/submitEvidence.ts';
import { reviewAttempt } from '../features/earning/commands/reviewAttempt.ts';
import { reviewQueue } from '../features/earning/queries/peerReview.ts';
import { submitProof, uploadCertificate } from '../features/payments/commands/certificate.ts';
import { approveProofApplication } from '../features/payments/commands/decideProof.ts';
import { markPaymentPaid } from '../features/payments/commands/feePayments.ts';
import { awardCredential } from '../features/issuing/commands/awardCredential.ts';
import { decideLicense } from '../features/credit/commands/decideLicense.ts';
import { linkLicense } from '../features/credit/commands/linkLicense.ts';
import { submitProgram } from '../features/recognition/commands/submitProgram.ts';

// The demo's people part-way through every program, so each role's home page shows real work:
// the teacher holds two union badges (one counted as license credit), has feedback to act on and a
// submission in the reviewer's queue; the therapist holds a council badge, has one awarded from a
// provider's roster waiting to be accepted, and a certificate waiting in the council's queue; the
// board has a program submission to decide. Everything goes through the same commands the pages use, and the jobs
// those commands queue (issuing, completion notices, mail) are run before the demo opens.

export type JourneyDeps = { db: Db; clock: Clock; config: Config; credentials: CredentialServices };

const UNION = 'riverside-educators-union';
const COUNCIL = 'allied-therapy-council';
const BOARD = 'state-board-educator-licensing';

const pdf = (what: string) => new TextEncoder().encode(`%PDF-1.4\n% ${what}\n%%EOF\n`);

async function actorOf(db: Db, email: string): Promise<Actor> {
  const row = await db
    .selectFrom('user_emails')
    .select('user_id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return { userId: row.user_id, ip: null };
}

async function microCredentialOf(db: Db, org: string, title: string): Promise<string> {
  const row = await db
    .selectFrom('micro_credentials as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .innerJoin('catalog_entries as e', 'e.micro_credential_id', 'm.id')
    .select('m.public_id')
    .where('o.slug', '=', org)
    .where('e.title', '=', title)
    .executeTakeFirstOrThrow();
  return row.public_id;
}

/** The teacher applies to a union micro-credential and submits all five evidence parts. */
async function applyAndSubmit(deps: JourneyDeps, earner: Actor, title: string): Promise<string> {
  const mc = await microCredentialOf(deps.db, UNION, title);
  const { publicId: application } = await applyForMicroCredential(deps, {
    actor: earner,
    microCredential: mc,
  });
  const topic = title.toLowerCase();
  await saveEvidence(deps, {
    actor: earner,
    application,
    part: 0,
    value: 'Grade 5, all subjects, 26 students; six are multilingual learners.',
  });
  await saveEvidenceFile(deps, {
    actor: earner,
    application,
    part: 1,
    file: { name: 'plan.pdf', bytes: pdf(`plan: ${topic}`) },
  });
  await saveEvidence(deps, {
    actor: earner,
    application,
    part: 2,
    value: 'https://video.example.org/alex-rivera/lesson',
  });
  await saveEvidenceFile(deps, {
    actor: earner,
    application,
    part: 3,
    file: { name: 'student-data.pdf', bytes: pdf('before and after') },
  });
  await saveEvidence(deps, {
    actor: earner,
    application,
    part: 4,
    value: `Teaching ${topic} explicitly gave us back about ten minutes a day. Next I will share the plan with my grade-level team.`,
  });
  await submitApplication(deps, { actor: earner, application });
  return application;
}

/** The reviewer scores the oldest submission of this title in their queue. */
async function review(
  deps: JourneyDeps,
  reviewer: Actor,
  title: string,
  decision: 'passed' | 'needs_revision',
): Promise<void> {
  const attempt = (await reviewQueue(deps.db, reviewer.userId)).find((a) => a.title === title);
  if (!attempt) throw new Error(`No submission of ${title} is waiting for this reviewer`);
  const level = decision === 'passed' ? 'proficient' : 'developing';
  await reviewAttempt(deps, {
    actor: reviewer,
    attempt: attempt.public_id,
    scores: { plan: level, practice: 'proficient', impact: 'proficient', reflection: 'proficient' },
    feedback:
      decision === 'passed' ? {} : { plan: 'Show how you taught each step, not only the steps themselves.' },
    overallFeedback:
      decision === 'passed'
        ? 'Clear plan, convincing video, and a reflection that looks ahead. Well done.'
        : 'A strong start. Make the teaching of the plan explicit and resubmit.',
    decision,
  });
}

/** Runs every job the seeding queued (issuing, completion notices, mail to the outbox) to the end. */
async function runQueuedJobs(deps: JourneyDeps): Promise<void> {
  const worker = new Worker({
    deps: { ...deps, logger: silentLogger, mailer: outboxOnlyMailer },
    jobs: allJobs,
    concurrency: 4,
    pollMs: 1000,
  });
  await worker.drain();
}

/** Seeds programs A–E part-way through; needs the organisations, users, catalog and recognition seeded first. */
export async function seedDemoJourneys(deps: JourneyDeps): Promise<void> {
  const { db } = deps;
  const [alex, priya, sam, dana, taylor, jordan] = await Promise.all(
    [
      'alex@teacher.example',
      'priya@union.example',
      'sam@union.example',
      'dana@board.example',
      'taylor@therapist.example',
      'jordan@council.example',
    ].map((email) => actorOf(db, email)),
  );

  // C: the teacher links a license to the board's renewal program; the board confirms it.
  const program = await db
    .selectFrom('recognition_programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select('p.public_id')
    .where('o.slug', '=', BOARD)
    .where('p.name', '=', 'Educator license renewal')
    .executeTakeFirstOrThrow();
  const { publicId: license } = await linkLicense(deps, {
    actor: alex!,
    program: program.public_id,
    licenseNumber: 'PEL-2024-118734',
    cycleStart: '2024-09-01',
  });
  await decideLicense(deps, { actor: dana!, orgSlug: BOARD, license, decision: 'confirm' });

  // B: four union micro-credentials at four stages of the peer-review loop.
  await applyAndSubmit(deps, alex!, 'Classroom Routines');
  await review(deps, priya!, 'Classroom Routines', 'passed');
  await applyAndSubmit(deps, alex!, 'Positive Behavior Feedback');
  await review(deps, priya!, 'Positive Behavior Feedback', 'passed');
  await applyAndSubmit(deps, alex!, 'Checking for Understanding');
  await review(deps, priya!, 'Checking for Understanding', 'needs_revision');
  await applyAndSubmit(deps, alex!, 'Smooth Transitions');

  // A: the therapist's certificate of completion, paid and approved; another one waiting.
  const ethics = await applyWithCertificate(deps, taylor!, 'Ethics in Telehealth');
  await markPaymentPaid(deps, {
    actor: jordan!,
    orgSlug: COUNCIL,
    payment: ethics.payment,
    reference: 'TRF-20931',
  });
  await approveProofApplication(deps, {
    actor: jordan!,
    orgSlug: COUNCIL,
    application: ethics.application,
    note: 'Certificate matches the provider’s roster.',
  });
  await applyWithCertificate(deps, taylor!, 'Trauma-Informed Practice');

  // C: the union asks the board to recognize a second micro-credential (waiting for a decision).
  await submitProgram(deps, {
    actor: sam!,
    orgSlug: UNION,
    program: program.public_id,
    microCredential: await microCredentialOf(db, UNION, 'Positive Behavior Feedback'),
    statement:
      'Peer reviewers trained on the union’s rubric score every submission; one in ten is second-reviewed for calibration.',
  });

  // The passed applications become signed badges (and their completion notices, credit and mail).
  // Badges earned through one's own application are accepted at once. The council also awards
  // from a provider's roster by email: that badge waits for the therapist to accept it.
  await awardCredential(deps, {
    actor: { userId: jordan!.userId, ip: null },
    organisationId: await organisationOf(db, COUNCIL),
    email: 'taylor@therapist.example',
    microCredential: await microCredentialOf(db, COUNCIL, 'Documentation That Holds Up'),
    narrative: 'Attended the full session (Northwind Continuing Education roster, March 2026).',
  });
  await runQueuedJobs(deps);
}

async function organisationOf(db: Db, slug: string): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Program A's way: apply naming the pre-approved session, get an invoice, upload the certificate, submit. */
async function applyWithCertificate(
  deps: JourneyDeps,
  earner: Actor,
  title: string,
): Promise<{ application: string; payment: string }> {
  const mc = await microCredentialOf(deps.db, COUNCIL, title);
  const applied = await applyForMicroCredential(deps, {
    actor: earner,
    microCredential: mc,
    program: preApprovedSession(title),
  });
  await uploadCertificate(deps, {
    actor: earner,
    application: applied.publicId,
    file: {
      name: 'certificate-of-completion.pdf',
      bytes: pdf(`certificate of completion: ${title}`),
    },
  });
  await submitProof(deps, { actor: earner, application: applied.publicId });
  if (!applied.payment) throw new Error(`${title} should charge an application fee`);
  return { application: applied.publicId, payment: applied.payment.publicId };
}

/** The continuing-education provider's session the council pre-approved for a council badge. */
export function preApprovedSession(title: string): string {
  return `Northwind Continuing Education — ${title} (2026)`;
}
