import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashToken, publicId } from '../domain/ids.ts';
import type { Role, OrganisationKind } from '../domain/roles.ts';
import { hashPassword } from '../features/accounts/passwords.ts';
import { inTransaction, type Db } from '../storage/database.ts';
import { recordAudit } from '../storage/audit.ts';
import { createApiToken } from '../features/accounts/commands/createApiToken.ts';
import { seedDemoCatalog } from './demoCatalog.ts';
import { seedDemoRecognition } from './demoRecognition.ts';
import { seedDemoJourneys } from './demoJourneys.ts';
import type { CredentialServices } from '../signing/organisationSigner.ts';
import type { Config } from '../config.ts';
import { translator, type Translator } from '../web/i18n/i18n.ts';

/** The password of every demo account (printed on start-up; demo mode only). */
export const DEMO_PASSWORD = 'cairn-demo-password';

interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  description: string;
  website: string;
}

// Modelled on the three programs of the domain: a certification council that pre-approves
// continuing education and badges on application, a union's peer-reviewed library, and a
// state board that approves programs and counts credit hours toward license renewal.
const organisations: DemoOrganisation[] = [
  {
    slug: 'allied-therapy-council',
    name: 'Allied Therapy Certification Council',
    kind: 'both',
    description:
      'Certifies therapists, pre-approves continuing-education sessions, and badges certified professionals who complete them.',
    website: 'https://council.example.org',
  },
  {
    slug: 'northwind-continuing-education',
    name: 'Northwind Continuing Education',
    kind: 'issuer',
    description:
      'A continuing-education provider for therapists: its sessions are pre-approved by the council, and its attendees apply for the council’s badges.',
    website: 'https://northwind-ce.example.org',
  },
  {
    slug: 'riverside-educators-union',
    name: 'Riverside Educators’ Union',
    kind: 'issuer',
    description:
      'A library of performance-based micro-credentials for teachers, assessed by trained peer reviewers.',
    website: 'https://union.example.org',
  },
  {
    slug: 'state-board-educator-licensing',
    name: 'State Board of Educator Licensing',
    kind: 'recognizer',
    description:
      'Approves micro-credential programs and awards 0.5 credit hours per completion toward license renewal.',
    website: 'https://board.example.gov',
  },
];

export interface DemoUser {
  email: string;
  name: string;
  memberships: Array<{ slug: string; roles: Role[] }>;
  platformAdmin?: boolean;
  description: string;
}

export const demoUsers: DemoUser[] = [
  {
    email: 'admin@cairn.example',
    name: 'Casey Admin',
    platformAdmin: true,
    memberships: [],
    description: 'platform administrator (jobs, dead letters)',
  },
  {
    email: 'helen@council.example',
    name: 'Helen Brooks',
    memberships: [{ slug: 'allied-therapy-council', roles: ['owner'] }],
    description: 'council owner',
  },
  {
    email: 'jordan@council.example',
    name: 'Jordan Lee',
    memberships: [{ slug: 'allied-therapy-council', roles: ['issuing_staff'] }],
    description: 'council issuing staff',
  },
  {
    email: 'nora@northwind.example',
    name: 'Nora Quinn',
    memberships: [{ slug: 'northwind-continuing-education', roles: ['owner'] }],
    description: 'continuing-education provider: asks the council to pre-approve sessions, uploads rosters',
  },
  {
    email: 'maria@union.example',
    name: 'Maria Alvarez',
    memberships: [{ slug: 'riverside-educators-union', roles: ['owner', 'admin'] }],
    description: 'union owner and admin',
  },
  {
    email: 'sam@union.example',
    name: 'Sam Okafor',
    memberships: [{ slug: 'riverside-educators-union', roles: ['designer'] }],
    description: 'union micro-credential designer',
  },
  {
    email: 'priya@union.example',
    name: 'Priya Natarajan',
    memberships: [{ slug: 'riverside-educators-union', roles: ['reviewer'] }],
    description: 'union peer reviewer',
  },
  {
    email: 'dana@board.example',
    name: 'Dana Whitfield',
    memberships: [{ slug: 'state-board-educator-licensing', roles: ['owner', 'recognition_officer'] }],
    description: 'board owner and recognition officer',
  },
  {
    email: 'omar@board.example',
    name: 'Omar Haddad',
    memberships: [{ slug: 'state-board-educator-licensing', roles: ['recognition_officer'] }],
    description: 'board recognition officer',
  },
  {
    email: 'alex@teacher.example',
    name: 'Alex Rivera',
    memberships: [],
    description: 'teacher earning micro-credentials (badges, license credit, feedback to act on)',
  },
  {
    email: 'taylor@therapist.example',
    name: 'Taylor Morgan',
    memberships: [],
    description: 'certified therapist applying for council badges with certificates of completion',
  },
];

/** True when the database has no accounts yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Seeds the demo: organisations, users (all confirmed, one shared password), the catalog, the
 * board's recognition, and every program part-way through (see demoJourneys.ts).
 */
export async function seedDemo(
  db: Db,
  now: Date,
  config: Config,
  credentials: CredentialServices,
): Promise<void> {
  const deps = { db, clock: { now: () => now }, config };
  await seedPeople(db, now);
  await seedDemoCatalog(deps);
  await seedDemoRecognition(deps);
  await seedDemoJourneys({ ...deps, credentials });
}

async function seedPeople(db: Db, now: Date): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(db, async (tx) => {
    const orgIds = new Map<string, number>();
    for (const o of organisations) {
      const row = await tx
        .insertInto('organisations')
        .values({
          public_id: publicId('org'),
          slug: o.slug,
          name: o.name,
          kind: o.kind,
          description: o.description,
          website: o.website,
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'public_id'])
        .executeTakeFirstOrThrow();
      orgIds.set(o.slug, row.id);
      await recordAudit(
        tx,
        {
          organisationId: row.id,
          actorUserId: null,
          action: 'organisation.created',
          subjectType: 'organisation',
          subjectId: row.public_id,
          data: { demo: true },
        },
        now,
      );
    }
    for (const u of demoUsers) {
      const user = await tx
        .insertInto('users')
        .values({
          public_id: publicId('usr'),
          name: u.name,
          password_hash: hash,
          is_platform_admin: u.platformAdmin ?? false,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('user_emails')
        .values({ user_id: user.id, email: u.email, is_primary: true, confirmed_at: now, created_at: now })
        .execute();
      for (const m of u.memberships) {
        await tx
          .insertInto('memberships')
          .values({ organisation_id: orgIds.get(m.slug)!, user_id: user.id, roles: m.roles, created_at: now })
          .execute();
      }
    }
  });
}

/** The lines printed on start-up so a visitor can log in straight away (the demo people are data). */
export function demoLogins(url: string, { t }: Translator = translator('en')): string {
  const width = Math.max(...demoUsers.map((u) => u.email.length));
  return [
    t('cli.demo.accounts', { password: DEMO_PASSWORD }),
    ...demoUsers.map((u) => `  ${u.email.padEnd(width)}  ${u.name} — ${u.description}`),
    t('cli.demo.logIn', { login: `${url}/login`, mailbox: `${url}/dev/mailbox` }),
  ].join('\n');
}

const DEMO_TOKEN_NAME = 'Demo token (printed at start-up)';

/** The file in the data folder that keeps the demo's API token between starts. */
export const DEMO_TOKEN_FILE = 'demo-token';

/**
 * The API token for the demo's union, printed on every demo start. It is kept in the data folder
 * (next to the demo's generated secret) and printed again while it still works on this database,
 * so every start (and every process on one demo database) leaves earlier tokens working; a new
 * one is made only when there is none yet or the demo data was reset (the kept one no longer
 * matches), and no token is ever revoked here.
 */
export async function demoToken(
  db: Db,
  now: Date,
  dataDir: string,
): Promise<{
  token: string;
  created: boolean;
  file: string;
  howTo(url: string, i18n?: Translator): string;
} | null> {
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'slug'])
    .where('slug', '=', 'riverside-educators-union')
    .executeTakeFirst();
  if (!org) return null;
  const file = join(dataDir, DEMO_TOKEN_FILE);
  let token = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  const live = token
    ? await db
        .selectFrom('api_tokens')
        .select('id')
        .where('token_hash', '=', hashToken(token))
        .where('organisation_id', '=', org.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  const created = !live;
  if (created) {
    token = (
      await createApiToken(
        { db, clock: { now: () => now } },
        { name: DEMO_TOKEN_NAME, actor: { organisationId: org.id, userId: null, ip: null } },
      )
    ).token;
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
  }
  const credential = {
    credential: {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Classroom Routines',
      credentialSubject: {
        id: 'did:example:alex-rivera',
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://union.example.org/achievements/classroom-routines',
          type: ['Achievement'],
          name: 'Classroom Routines',
          description: 'Designs and teaches routines that give students more time to learn.',
          criteria: { narrative: 'Peer-reviewed evidence: lesson video, plan and reflection.' },
        },
      },
    },
  };
  return {
    token,
    created,
    file,
    howTo: (url, { t } = translator('en')) =>
      [
        t('cli.demo.token', { organisation: 'Riverside Educators’ Union', token, file }),
        t('cli.demo.issueHowTo'),
        `  curl -s ${url}/credentials/issue -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\`,
        `    -d '${JSON.stringify(credential)}'`,
        t('cli.demo.verifyHowTo', {
          command: `curl -s ${url}/credentials/verify -H 'Content-Type: application/json' -d '{"verifiableCredential": …}'`,
        }),
      ].join('\n'),
  };
}
