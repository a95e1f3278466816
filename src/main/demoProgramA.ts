import type { Actor } from '../domain/commands.ts';
import type { Db } from '../storage/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { Config } from '../config.ts';
import { createProgram } from '../features/recognition/commands/createProgram.ts';
import { submitProgram } from '../features/recognition/commands/submitProgram.ts';
import { approveProgramSubmission } from '../features/recognition/commands/approveProgramSubmission.ts';
import { requestSession } from '../features/recognition/sessions/commands/requestSession.ts';
import { decideSession } from '../features/recognition/sessions/commands/decideSession.ts';
import { uploadRoster } from '../features/recognition/sessions/commands/uploadRoster.ts';
import { decideLicense } from '../features/credit/commands/decideLicense.ts';
import { linkLicense } from '../features/credit/commands/linkLicense.ts';

// Program A's set-up in the demo: the council's recertification program recognizing its own CE
// badges (self-submitted by its issuing staff, approved by its owner), the therapist's license on it,
// and Northwind Continuing Education's sessions — five pre-approved, one waiting — with a roster.

type Deps = { db: Db; clock: Clock; config: Config };

export const COUNCIL = 'allied-therapy-council';
export const PROVIDER = 'northwind-continuing-education';

/** The council's CE badges and their credit hours (half the session's contact hours). */
const CE_BADGES: Array<[title: string, contactHours: number, presenter: string]> = [
  ['Trauma-Informed Practice', 6, 'Dr. Amara Okafor, LPC'],
  ['Ethics in Telehealth', 3, 'Jonas Berg, JD'],
  ['Supervision Fundamentals', 8, 'Dr. Lena Park, LMFT'],
  ['Cultural Humility in Therapy', 4, 'Marisol Vega, LCSW'],
  ['Documentation That Holds Up', 2, 'Priyanka Rao, OTR/L'],
];

/** The provider's session the council pre-approved for a council badge: the name attendees pick. */
export function preApprovedSession(title: string): string {
  return `Northwind Continuing Education — ${title} (2026)`;
}

async function actorOf(db: Db, email: string): Promise<Actor> {
  const row = await db
    .selectFrom('user_emails')
    .select('user_id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return { userId: row.user_id, ip: null };
}

async function councilBadge(db: Db, title: string): Promise<string> {
  const row = await db
    .selectFrom('micro_credentials as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .innerJoin('catalog_entries as e', 'e.micro_credential_id', 'm.id')
    .select('m.public_id')
    .where('o.slug', '=', COUNCIL)
    .where('e.title', '=', title)
    .executeTakeFirstOrThrow();
  return row.public_id;
}

/** Northwind asks for pre-approval of one session per CE badge (the council approves them) and one more, waiting. */
async function seedSessions(deps: Deps, nora: Actor, helen: Actor): Promise<Map<string, string>> {
  const approved = new Map<string, string>();
  for (const [title, hours, presenter] of CE_BADGES) {
    const { publicId } = await requestSession(deps, {
      actor: nora,
      orgSlug: PROVIDER,
      microCredential: await councilBadge(deps.db, title),
      title: `${title} (2026)`,
      startsOn: '2026-03-14',
      hours,
      presenter,
      description: `${title}: a ${hours}-hour live session with case discussions and a closing knowledge check. Attendees receive a certificate of completion.`,
    });
    await decideSession(deps, {
      actor: helen,
      orgSlug: COUNCIL,
      session: publicId,
      decision: 'approve',
      note: 'Content matches the competency statement; the knowledge check is adequate.',
    });
    approved.set(title, publicId);
  }
  await requestSession(deps, {
    actor: nora,
    orgSlug: PROVIDER,
    microCredential: await councilBadge(deps.db, 'Trauma-Informed Practice'),
    title: 'Trauma-Informed Care in Group Settings',
    startsOn: '2026-12-05',
    endsOn: '2026-12-06',
    hours: 6,
    presenter: 'Dr. Amara Okafor, LPC',
    description:
      'Day 1: safety and choice in group work. Day 2: responding to disclosures in groups; case practice; knowledge check.',
  });
  return approved;
}

/**
 * The council's recertification program and its own CE badges in it; the therapist's license on
 * it, confirmed; Northwind's sessions and a roster of the Ethics session (the therapist among them).
 */
export async function seedProgramA(deps: Deps): Promise<void> {
  const { db } = deps;
  const helen = await actorOf(db, 'helen@council.example');
  const jordan = await actorOf(db, 'jordan@council.example');
  const nora = await actorOf(db, 'nora@northwind.example');
  const taylor = await actorOf(db, 'taylor@therapist.example');
  const { publicId: program } = await createProgram(deps, {
    actor: helen,
    orgSlug: COUNCIL,
    name: 'Therapist recertification',
    licenseName: 'Certified Allied Therapist',
    description:
      'Certified therapists renew every two years with 24 hours of pre-approved continuing education. The council’s own CE badges count for their credit hours.',
    cycleYears: 2,
    hoursRequired: 24,
    unitRule: 'credit_hours',
    posting: 'automatic',
  });
  // Self-recognition: the issuing staff submit, the owner (another person) approves.
  for (const [title, hours] of CE_BADGES) {
    const { publicId: submission } = await submitProgram(deps, {
      actor: jordan,
      orgSlug: COUNCIL,
      program,
      microCredential: await councilBadge(db, title),
      statement:
        'Issued on a certificate of completion from a session the council pre-approved; staff check each certificate against the provider’s roster.',
    });
    await approveProgramSubmission(deps, {
      actor: helen,
      orgSlug: COUNCIL,
      submission,
      hours: hours / 2,
      body: 'Counts toward recertification for its credit hours.',
    });
  }
  const { publicId: license } = await linkLicense(deps, {
    actor: taylor,
    program,
    licenseNumber: 'CAT-2025-04417',
    cycleStart: '2025-07-01',
  });
  await decideLicense(deps, { actor: helen, orgSlug: COUNCIL, license, decision: 'confirm' });
  const sessions = await seedSessions(deps, nora, helen);
  await uploadRoster(deps, {
    actor: nora,
    orgSlug: PROVIDER,
    session: sessions.get('Ethics in Telehealth')!,
    csv: 'name,email\nTaylor Morgan,taylor@therapist.example\nRiley Chen,riley.chen@example.org\nSam Patel,sam.patel@example.org\n',
  });
}
