import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { generateEd25519 } from '../src/credentials/ed25519.ts';
import { didKeyFor } from '../src/credentials/didKey.ts';
import { fastCanonicalizer } from '../src/credentials/proofs/fastCanonicalizer.ts';
import { signEddsaRdfc2022 } from '../src/credentials/proofs/eddsaRdfc2022.ts';
import { benchCredential } from './credentials.ts';

// One signing worker: what a bulk-issuance job runs per core.
const keys = generateEd25519();
const { did, verificationMethod } = didKeyFor(keys.publicKeyMultibase);
const canonicalizer = fastCanonicalizer();
const issue = (i: number) =>
  signEddsaRdfc2022(benchCredential(i, did), {
    privateKey: keys.privateKey,
    verificationMethod,
    created: '2026-03-01T12:00:00Z',
    canonicalizer,
  });
for (let i = 0; i < 30; i++) await issue(i);
let n = 0;
const start = performance.now();
while (performance.now() - start < (workerData as { seconds: number }).seconds * 1000) await issue(n++);
parentPort!.postMessage(n / ((performance.now() - start) / 1000));
