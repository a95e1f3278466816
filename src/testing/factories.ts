import { publicId } from '../domain/ids.ts';
import type { Role, OrganisationKind } from '../domain/roles.ts';
import { hashPassword } from '../features/accounts/passwords.ts';
import type { Db } from '../storage/database.ts';
import { unique } from './databases.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;

/** A confirmed account (password TEST_PASSWORD unless given). */
export async function buildUser(
  db: Db,
  overrides: { email?: string; name?: string; platformAdmin?: boolean } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `${unique('user')}@example.org`;
  const user = await db
    .insertInto('users')
    .values({
      public_id: publicId('usr'),
      name: overrides.name ?? 'Test Person',
      password_hash: await cachedHash,
      is_platform_admin: overrides.platformAdmin ?? false,
      updated_at: new Date(),
    })
    .returning(['id', 'public_id', 'name'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_emails')
    .values({ user_id: user.id, email, is_primary: true, confirmed_at: new Date() })
    .execute();
  return { ...user, email, password: TEST_PASSWORD };
}

/** An organisation, optionally with members holding roles. */
export async function buildOrganisation(
  db: Db,
  overrides: { slug?: string; name?: string; kind?: OrganisationKind } = {},
) {
  const slug = overrides.slug ?? unique('org-');
  return db
    .insertInto('organisations')
    .values({
      public_id: publicId('org'),
      slug,
      name: overrides.name ?? `Org ${slug}`,
      kind: overrides.kind ?? 'issuer',
      updated_at: new Date(),
    })
    .returning(['id', 'slug', 'name', 'public_id'])
    .executeTakeFirstOrThrow();
}

/** Makes a user a member with roles. */
export async function addMember(
  db: Db,
  organisationId: number,
  userId: number,
  roles: Role[],
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ organisation_id: organisationId, user_id: userId, roles })
    .execute();
}

/** The newest mail in the outbox to an address, and the first Cairn link in it. */
export async function lastMailTo(db: Db, to: string) {
  const mail = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const link = mail?.text_body.match(/https?:\/\/[^\s)>\]]+/)?.[0] ?? null;
  return { mail, link, path: link ? new URL(link).pathname : null };
}
