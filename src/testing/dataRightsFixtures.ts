import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { ManualClock } from '../domain/clock.ts';
import type { Storage } from '../storage/database.ts';
import { applyForMicroCredential } from '../features/earning/commands/applyForMicroCredential.ts';
import { saveEvidenceFile } from '../features/earning/commands/submitEvidence.ts';
import { awardCredential } from '../features/issuing/commands/awardCredential.ts';
import { addMember, buildOrganisation, buildUser } from './factories.ts';
import { publishedMicroCredential } from './catalogFixtures.ts';
import { testCredentialServices } from './http.ts';

/** A small PDF with a unique line, so its sha256 is its own. */
export const evidencePdf = () =>
  new TextEncoder().encode(
    `%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`,
  );

/**
 * An issuer with a designer and issuing staff, a published micro-credential with a file part,
 * and an earner who applied, uploaded an evidence file and was awarded a signed credential.
 */
export async function earnerWithEverything(
  storage: Storage,
  config: Config,
  options: { clock?: ManualClock } = {},
) {
  const clock = options.clock ?? new ManualClock(new Date('2026-03-01T12:00:00Z'));
  const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
  const org = await buildOrganisation(storage.db, { kind: 'issuer' });
  const [designer, staff, earner] = await Promise.all([
    buildUser(storage.db),
    buildUser(storage.db),
    buildUser(storage.db, { name: 'Erin Earner' }),
  ]);
  await addMember(storage.db, org.id, designer.id, ['designer']);
  await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
  const mc = await publishedMicroCredential(
    deps,
    { userId: designer.id, ip: null },
    org.slug,
    `Routines ${randomBytes(4).toString('hex')}`,
  );
  const application = await applyForMicroCredential(deps, {
    actor: { userId: earner.id, ip: null },
    microCredential: mc.publicId,
  });
  const pdf = evidencePdf();
  const file = await saveEvidenceFile(deps, {
    actor: { userId: earner.id, ip: null },
    application: application.publicId,
    part: 0,
    file: {
      name: 'routine-plan.pdf',
      bytes: pdf,
    },
  });
  const issued = await awardCredential(deps, {
    actor: { userId: staff.id, ip: null },
    organisationId: org.id,
    email: earner.email,
    microCredential: mc.publicId,
    narrative: 'Taught the routine.',
  });
  return {
    clock,
    deps,
    org,
    designer,
    staff,
    earner,
    mc,
    application,
    file: { ...file, bytes: pdf },
    issued,
  };
}
