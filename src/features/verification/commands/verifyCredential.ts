import type { Config } from '../../../config.ts';
import type { JWK } from 'jose';
import { embeddedChanges, type Queryable } from '../../../storage/database.ts';
import { resolveDidKey } from '../../../credentials/didKey.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import {
  documentHash,
  type CredentialServices,
  type RemoteResolvers,
} from '../../../signing/organisationSigner.ts';
import { BoundedCache } from '../../../domain/boundedCache.ts';
import {
  organisationKey,
  ownCredentialDependencies,
  ownCredentialStatusBits,
  signedStatusList,
  statusListVersions,
} from '../queries.ts';
import { withOwnOb2Documents } from '../../ob2export/index.ts';
import {
  validityWindow,
  verifyCredential,
  type VerificationReport,
  type VerifierDeps,
} from '../../../credentials/verifier.ts';
import { exceedsLimits, VERIFY_BUDGET_MS } from '../../../credentials/budget.ts';
import { CheckError, detail } from '../../../credentials/checkMessages.ts';

/**
 * Whether an untrusted string can be looked up in the database at all. PostgreSQL text cannot
 * hold a NUL character (it refuses the query), so a string with one can equal no stored value:
 * lookups by such a string answer "not found" without asking.
 */
export const sqlLookupable = (value: string): boolean => !value.includes('\u0000');

/** Parsed signed status lists of this Cairn, by list and signed version (a new version is a new key). */
const ownStatusLists = new BoundedCache<string, Record<string, unknown>>(256);

/**
 * One of this Cairn's signed status lists, as published: verifying only reads (a list is signed
 * when it is created or changed, by the `status_list.publish` job). The signed list is re-read
 * only when a newer version is published (checked every time, so every process sees a change at
 * once); its text is parsed once per version. A change not yet signed is still seen for Cairn's
 * own credentials: their bits are read from the database (`extraStatus`).
 */
async function ownStatusList(
  db: Queryable,
  config: Config,
  listId: string,
): Promise<Record<string, unknown>> {
  const head = await statusListVersions(db, listId);
  if (!head) throw new CheckError(detail('noSuchStatusList'));
  if (head.signed_version < 0) throw new CheckError(detail('statusListPublishing'));
  const cacheKey = `${config.publicUrl}|${listId}|${head.signed_version}`;
  const cached = ownStatusLists.get(cacheKey);
  if (cached) return cached;
  const signed = await signedStatusList(db, listId);
  if (!signed) throw new CheckError(detail('noSuchStatusList'));
  const parsed = JSON.parse(signed) as Record<string, unknown>;
  ownStatusLists.set(cacheKey, parsed);
  return parsed;
}

/**
 * Key and status-list lookups for verification: did:key offline; Cairn's own organisations'
 * did:web keys and status lists straight from the database (no HTTP to ourselves); anything
 * else through the remote resolvers, which refuse private addresses.
 */
export function verifierDeps(
  db: Queryable,
  config: Config,
  services: CredentialServices,
  now: Date,
  remote: RemoteResolvers | undefined = services.remote,
  deadline?: number,
): VerifierDeps {
  const ownPrefix = `${organisationDid(config.publicUrl, 'x').slice(0, -1)}`;
  const statusPrefix = `${config.publicUrl}/status/`;
  return {
    canonicalizer: services.canonicalizer,
    now,
    deadline,
    // This site's OB 2.0 documents come from the database, like its own keys and lists.
    fetchJson: withOwnOb2Documents(db, config, remote?.fetchJson),
    async resolveKey(vm) {
      if (vm.startsWith('did:key:')) {
        const doc = resolveDidKey(vm) as { controller: string; publicKeyMultibase: string };
        return { publicKeyMultibase: doc.publicKeyMultibase, controller: doc.controller };
      }
      if (vm.startsWith(ownPrefix)) {
        if (!sqlLookupable(vm)) throw new CheckError(detail('noSuchKey'));
        const [did, fragment] = vm.split('#');
        const slug = did!.slice(ownPrefix.length);
        const key = await organisationKey(db, slug, fragment ?? '');
        if (!key) throw new CheckError(detail('keyNotPublished', { key: vm }));
        return {
          publicKeyMultibase: key.public_key_multibase ?? undefined,
          publicKeyJwk: key.public_key_jwk ? (JSON.parse(key.public_key_jwk) as JWK) : undefined,
          controller: did!,
          revoked: key.status === 'revoked',
        };
      }
      if (!remote) throw new CheckError(detail('keyNeedsNetwork', { key: vm }));
      return remote.resolveKey(vm);
    },
    async extraStatus(credential) {
      if (typeof credential.id === 'string' && !sqlLookupable(credential.id)) return null; // no stored id holds a NUL
      // Only a document Cairn issued, byte for byte, gets the status Cairn keeps outside it.
      // Document ids are unique per organisation only (migration 0016): the hash picks the one.
      if (typeof credential.id !== 'string') return null;
      const entries = await ownCredentialStatusBits(
        db,
        credential.id,
        documentHash(JSON.stringify(credential)),
      );
      if (!entries) return null;
      if (entries.some((e) => e.purpose === 'revocation' && Number(e.bit) === 1)) return 'revoked';
      if (entries.some((e) => e.purpose === 'suspension' && Number(e.bit) === 1)) return 'suspended';
      return null;
    },
    async loadStatusList(url) {
      if (url.startsWith(statusPrefix)) {
        const listId = url.slice(statusPrefix.length);
        if (!sqlLookupable(listId)) throw new CheckError(detail('noSuchStatusList'));
        return ownStatusList(db, config, listId);
      }
      if (!remote) throw new CheckError(detail('fetchNeedsNetwork', { url }));
      return (await remote.fetchJson(url)) as Record<string, unknown>;
    },
  };
}

/**
 * Reports on credentials this Cairn issued, by document hash, with the state they were computed
 * in: the signing key's status and the version of each status list the credential is on. A hit
 * is used only while that state is unchanged (one small query per verification), with the dates
 * checked again for the moment asked about.
 */
const ownReports = new BoundedCache<
  string,
  { state: string; changes: number | undefined; report: VerificationReport }
>(4096);

/** What a verification of a credential issued here depends on besides its bytes: its key's status and its lists' versions. */
export const ownCredentialState = (keyStatus: string | null, lists: string | null) =>
  `${keyStatus ?? ''}|${lists ?? ''}`;

/** A JSON credential and the hash its stored text would have (credentials are stored as JSON.stringify of the signed object). */
function hashed(input: string | Record<string, unknown> | Uint8Array): { id: string; hash: string } | null {
  if (input instanceof Uint8Array) return null;
  let credential: Record<string, unknown>;
  try {
    credential = typeof input === 'string' ? (JSON.parse(input) as Record<string, unknown>) : input;
  } catch {
    return null;
  }
  if (
    !credential ||
    typeof credential !== 'object' ||
    typeof credential.id !== 'string' ||
    !sqlLookupable(credential.id)
  )
    return null;
  // Too large or too deep to be one of ours (the verifier reports it): not hashed.
  if (exceedsLimits(credential)) return null;
  return { id: credential.id, hash: documentHash(JSON.stringify(credential)) };
}

/** The current state of a credential issued here byte for byte, or null. */
async function ownState(
  db: Queryable,
  credential: { id: string; hash: string },
): Promise<{ hash: string; state: string } | null> {
  const row = await ownCredentialDependencies(db, credential.id, credential.hash);
  return row ? { hash: credential.hash, state: ownCredentialState(row.key_status, row.lists) } : null;
}

/** Verifies any credential with Cairn's resolvers. */
export async function verifyWithCairn(
  input: string | Record<string, unknown> | Uint8Array,
  deps: {
    db: Queryable;
    config: Config;
    services: CredentialServices;
    now: Date;
    remote?: RemoteResolvers;
    deadline?: number;
    securedByHolder?: string;
    ob2Documents?: ReadonlyMap<string, Record<string, unknown>>;
  },
  /** A caller that read the stored credential already gives its hash and state (ownCredentialState), saving a query. */
  known?: { hash: string; state: string },
): Promise<VerificationReport> {
  // On the embedded database, a report stays current until data may have changed: no query at all.
  const changes = embeddedChanges(deps.db);
  // A self-asserted credential (secured by its presentation) is judged with its holder: never from the cache.
  const credential = known || deps.securedByHolder !== undefined ? null : hashed(input);
  const hash = known?.hash ?? credential?.hash;
  const key = hash ? `${deps.config.publicUrl}|${hash}` : '';
  const refreshed = (report: VerificationReport) => {
    const checks = report.checks.map((check) =>
      check.id === 'validity_window' ? validityWindow(report.credential!, deps.now) : check,
    );
    return { ...report, checks, verified: checks.every((x) => x.ok) };
  };
  const earlier = hash ? ownReports.get(key) : undefined;
  if (earlier && changes !== undefined && earlier.changes === changes && earlier.report.credential)
    return refreshed(earlier.report);
  const own = known ?? (credential ? await ownState(deps.db, credential) : null);
  if (own && earlier && earlier.state === own.state && earlier.report.credential) {
    ownReports.set(key, { ...earlier, changes });
    return refreshed(earlier.report);
  }
  // Every verification runs under a time budget (budget.ts), from here to its last check.
  const deadline = deps.deadline ?? Date.now() + VERIFY_BUDGET_MS;
  const report = await verifyCredential(input, {
    ...verifierDeps(deps.db, deps.config, deps.services, deps.now, deps.remote, deadline),
    securedByHolder: deps.securedByHolder,
    ob2Documents: deps.ob2Documents,
  });
  // Only a report whose every check but the dates is settled by that state is kept.
  if (
    own &&
    report.checks.every(
      (x) =>
        x.ok ||
        x.id === 'validity_window' ||
        (x.id === 'status' && (x.code === 'revoked' || x.code === 'suspended')),
    )
  )
    ownReports.set(key, { state: own.state, changes, report });
  return report;
}
