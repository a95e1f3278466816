import { randomBytes } from 'node:crypto';
import { ManualClock } from '../domain/clock.ts';
import { publicId } from '../domain/ids.ts';
import type { Storage } from '../storage/database.ts';
import { createMicroCredential } from '../features/catalog/commands/createMicroCredential.ts';
import { publishDraft } from '../features/catalog/commands/publishDraft.ts';
import { updateDraft } from '../features/catalog/commands/updateDraft.ts';
import { completeDesign } from './catalogFixtures.ts';
import { testConfig, testCredentialServices } from './http.ts';

// No node:test imports here: the benchmark uses this setup too.
const tag = () => randomBytes(5).toString('hex');

async function member(storage: Storage, organisationId: number, role: 'designer' | 'issuing_staff') {
  const user = await storage.db
    .insertInto('users')
    .values({
      public_id: publicId('usr'),
      name: `Award ${role}`,
      password_hash: 'not-a-login',
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await storage.db
    .insertInto('memberships')
    .values({ organisation_id: organisationId, user_id: user.id, roles: [role] })
    .execute();
  return user;
}

/** An issuer with issuing staff and a published micro-credential, ready for bulk awards. */
export async function awardSetup(storage: Storage, options: { clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock(new Date('2026-03-01T12:00:00Z'));
  const config = testConfig();
  const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
  const slug = `award-${tag()}`;
  const org = await storage.db
    .insertInto('organisations')
    .values({
      public_id: publicId('org'),
      slug,
      name: `Riverside ${slug}`,
      kind: 'issuer',
      updated_at: new Date(),
    })
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
  const designer = await member(storage, org.id, 'designer');
  const staff = await member(storage, org.id, 'issuing_staff');
  const design = { userId: designer.id, ip: null };
  const title = `Attendance ${tag()}`;
  const mc = await createMicroCredential(deps, { actor: design, orgSlug: org.slug, title });
  await updateDraft(deps, {
    actor: design,
    orgSlug: org.slug,
    microCredentialId: mc.publicId,
    ...completeDesign(title, { earningMode: 'attendance', evidenceParts: [] }),
  });
  await publishDraft(deps, { actor: design, orgSlug: org.slug, microCredentialId: mc.publicId });
  const actor = { organisationId: org.id, userId: staff.id, ip: null };
  return { clock, config, deps, org, staff, mc, actor };
}

/** A CSV text as a stream of byte chunks (as an upload arrives). */
export async function* csvStream(text: string, chunkSize = 64): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.slice(i, i + chunkSize);
}

/** A generated roster of n rows, streamed in 64 KiB chunks and never held whole. */
export async function* generatedRoster(n: number, prefix: string): AsyncGenerator<string> {
  let chunk = 'Email,Name,Student ID,Hours,Date\n';
  for (let i = 0; i < n; i++) {
    chunk += `${prefix}${i}@example.org,Participant ${i},S${i},1.5,2026-02-10\n`;
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}
