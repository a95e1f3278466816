import { performance } from 'node:perf_hooks';
import { sign } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { buildOpenBadgeCredential } from '../src/credentials/openBadgeCredential.ts';
import { generateEd25519 } from '../src/credentials/ed25519.ts';
import { didKeyFor, resolveDidKey } from '../src/credentials/didKey.ts';
import { fastCanonicalizer } from '../src/credentials/proofs/fastCanonicalizer.ts';
import { signEddsaRdfc2022, verifyEddsaRdfc2022 } from '../src/credentials/proofs/eddsaRdfc2022.ts';
import { signVcJwt } from '../src/credentials/vcJwt.ts';
import { referenceStack } from '../src/testing/referenceStack.ts';

/** A realistic micro-credential for badge number i (every badge differs in its strings). */
export function benchCredential(i: number, issuer: string): Record<string, unknown> {
  return buildOpenBadgeCredential({
    id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    issuer: { id: issuer, name: 'Riverside Educators’ Union', url: 'https://union.example.org' },
    achievement: {
      id: 'https://union.example.org/achievements/classroom-routines/v3',
      name: 'Classroom Routines',
      description: 'Designs and teaches routines that give students more time to learn.',
      criteria: { narrative: 'Submit a lesson video, a routine plan and a reflection.' },
      achievementType: 'MicroCredential',
      creditsAvailable: 0.5,
      tag: ['classroom management'],
    },
    recipient: { email: `teacher${i}@district.example.org`, salt: `salt${i}` },
    validFrom: '2026-03-01T00:00:00Z',
    creditsEarned: 0.5,
    results: [{ status: 'Completed' }],
    evidence: [{ id: `https://union.example.org/evidence/${i}`, narrative: `Portfolio ${i}` }],
    credentialStatus: {
      id: `https://union.example.org/status/sl1#${i}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(i),
      statusListCredential: 'https://union.example.org/status/sl1',
    },
  });
}

type Report = (name: string, unit: string, cairn: number, reference: number | null) => void;

async function rate(seconds: number, work: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 30; i++) await work(i);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) await work(n++);
  return n / ((performance.now() - start) / 1000);
}

function parallelIssue(workers: number, seconds: number): Promise<number> {
  return Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(new URL('./signWorker.mjs', import.meta.url), { workerData: { seconds } });
          w.once('message', (m: number) => resolve(m));
          w.once('error', reject);
        }),
    ),
  ).then((rates) => rates.reduce((a, b) => a + b, 0));
}

/** eddsa-rdfc-2022 and VC-JWT: Cairn against the Digital Bazaar stack, in the same run. */
export async function credentialBenchmarks(report: Report, seconds = 3): Promise<void> {
  const keys = generateEd25519();
  const { did, verificationMethod } = didKeyFor(keys.publicKeyMultibase);
  const created = '2026-03-01T12:00:00Z';
  const canonicalizer = fastCanonicalizer();
  const reference = referenceStack(new Map([[did, resolveDidKey(did)]]));
  const refKey = {
    id: verificationMethod,
    controller: did,
    publicKeyMultibase: keys.publicKeyMultibase,
    seed: keys.seed,
  };
  const cairnIssue = (i: number) =>
    signEddsaRdfc2022(benchCredential(i, did), {
      privateKey: keys.privateKey,
      verificationMethod,
      created,
      canonicalizer,
    });

  // Same input, same key, same `created`: the two stacks must produce the same bytes.
  const ours = await cairnIssue(7);
  const theirs = await reference.issue(benchCredential(7, did), refKey, created);
  if (JSON.stringify(ours) !== JSON.stringify(theirs))
    throw new Error('Cairn and the Digital Bazaar stack disagree on a signed credential');

  const refIssue = await rate(seconds, (i) => reference.issue(benchCredential(i, did), refKey, created));
  report(
    'eddsa-rdfc-2022 issue, 1 core (vs Digital Bazaar vc.issue)',
    'credentials/s',
    await rate(seconds, cairnIssue),
    refIssue,
  );
  report(
    'eddsa-rdfc-2022 issue, 2 workers (vs Digital Bazaar, 1 core)',
    'credentials/s',
    await parallelIssue(2, seconds),
    refIssue,
  );

  const signed = await Promise.all(Array.from({ length: 200 }, (_, i) => cairnIssue(i)));
  const pick = (i: number) => signed[i % signed.length]!;
  report(
    'eddsa-rdfc-2022 verify, 1 core (vs Digital Bazaar vc.verifyCredential)',
    'credentials/s',
    await rate(seconds, async (i) => {
      const c = pick(i);
      const r = await verifyEddsaRdfc2022(c, c.proof, keys.publicKey, canonicalizer);
      if (!r.ok) throw new Error('verification failed');
    }),
    await rate(seconds, async (i) => {
      const r = await reference.verify(pick(i));
      if (!r.verified) throw new Error('reference verification failed');
    }),
  );

  const unsigned = benchCredential(1, did);
  const raw = Buffer.from(JSON.stringify(unsigned));
  report(
    'VC-JWT (EdDSA) issue (vs raw Ed25519 sign of the same bytes)',
    'credentials/s',
    await rate(seconds, (i) =>
      signVcJwt(
        { ...unsigned, name: `Badge ${i}` },
        { privateKey: keys.privateKey, kid: verificationMethod },
      ),
    ),
    await rate(seconds, () => sign(null, raw, keys.privateKey)),
  );
}
