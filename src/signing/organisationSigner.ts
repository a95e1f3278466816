import { createHash } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Queryable } from '../storage/database.ts';
import type { Organisation } from '../storage/schema.ts';
import {
  activeRsaKey,
  activeSigningKey,
  listIssuerKeys,
  type RsaSigningKey,
  type SigningKey,
} from './issuerKeys.ts';
import { didKeyFor } from '../credentials/didKey.ts';
import { signEddsaRdfc2022 } from '../credentials/proofs/eddsaRdfc2022.ts';
import { signVcJwt } from '../credentials/vcJwt.ts';
import {
  organisationDid,
  organisationDidDocument,
  verificationMethodId,
} from '../credentials/issuerIdentity.ts';
import { statusListCredential } from '../credentials/bitstringStatusList.ts';
import { normalizePublicUrl } from '../storage/instanceSettings.ts';

export type { CredentialServices, RemoteResolvers } from '../credentials/services.ts';
import type { CredentialServices } from '../credentials/services.ts';

/** sha256 of the exact stored text of a signed document. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A date as OB 3.0 documents write it: ISO 8601 to the second, UTC. */
export const isoSeconds = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** How an organisation names itself: its did:web (always resolvable here), or the did:key of its active Ed25519 key. */
export type IssuerIdentity = 'did:web' | 'did:key';

/** The organisation's identifier and verification method for a key, by identity. */
export function issuerIdentifiers(
  config: Pick<Config, 'publicUrl'>,
  organisation: Pick<Organisation, 'slug'>,
  key: Pick<SigningKey, 'row'>,
  identity: IssuerIdentity = 'did:web',
): { did: string; verificationMethod: string } {
  if (identity === 'did:key') {
    if (!key.row.public_key_multibase) throw new Error('A did:key needs an Ed25519 key');
    return didKeyFor(key.row.public_key_multibase);
  }
  const did = organisationDid(config.publicUrl, organisation.slug);
  return { did, verificationMethod: verificationMethodId(did, key.row.public_id) };
}

/** What signing needs, read once per use case (a request, a bulk-award batch) and handed down. */
export interface OrganisationKeys {
  /** The organisation's active Ed25519 key: every Data Integrity proof and EdDSA VC-JWT. */
  signing: SigningKey;
  /** Its active RSA key, read only when a caller asked for RS256 VC-JWTs. */
  rsa?: RsaSigningKey;
}

/**
 * Reads (creating on first use) the organisation's active keys: the one place issuing reads
 * keys. Call it outside a transaction (a race to create a key must not abort the caller's).
 */
export async function organisationKeys(
  db: Queryable,
  vault: CredentialServices['vault'],
  organisationId: number,
  now: Date,
  options: { rsa?: boolean } = {},
): Promise<OrganisationKeys> {
  const signing = await activeSigningKey(db, organisationId, vault, now);
  const rsa = options.rsa ? await activeRsaKey(db, organisationId, vault, now) : undefined;
  return { signing, ...(rsa ? { rsa } : {}) };
}

export interface SignForOrganisation {
  config: Pick<Config, 'publicUrl'>;
  canonicalizer: CredentialServices['canonicalizer'];
  organisation: Pick<Organisation, 'slug'>;
  /** The keys to sign with (see organisationKeys): this function never reads keys itself. */
  keys: OrganisationKeys;
  unsigned: Record<string, unknown>;
  now: Date;
  jwt?: 'EdDSA' | 'RS256' | null;
  identity?: IssuerIdentity;
}

/**
 * Signs a document with the key given: a Data Integrity proof, and a VC-JWT on request. With
 * `identity: 'did:key'` the verification method is the key's did:key (the document's issuer
 * must then be that did:key too).
 */
export async function signForOrganisation(options: SignForOrganisation) {
  const { config, organisation, keys, unsigned, now } = options;
  const key = keys.signing;
  const { did, verificationMethod: vm } = issuerIdentifiers(config, organisation, key, options.identity);
  const signed = await signEddsaRdfc2022(unsigned, {
    privateKey: key.privateKey,
    verificationMethod: vm,
    created: isoSeconds(now),
    canonicalizer: options.canonicalizer,
  });
  let jwt: string | null = null;
  if (options.jwt === 'EdDSA') jwt = signVcJwt(unsigned, { privateKey: key.privateKey, kid: vm });
  if (options.jwt === 'RS256') {
    if (!keys.rsa)
      throw new Error('An RS256 VC-JWT needs the organisation’s RSA key (organisationKeys rsa: true)');
    jwt = signVcJwt(unsigned, {
      privateKey: keys.rsa.privateKey,
      kid: verificationMethodId(did, keys.rsa.row.public_id),
      alg: 'RS256',
    });
  }
  return { signed, jwt, keyId: key.row.id, did };
}

/** The organisation's DID document, from every key it has had. */
export async function didDocumentFor(
  db: Queryable,
  config: Config,
  organisation: Pick<Organisation, 'id' | 'slug'>,
) {
  const did = organisationDid(config.publicUrl, organisation.slug);
  const keys = await listIssuerKeys(db, organisation.id);
  return organisationDidDocument(
    did,
    keys.map((k) => ({
      publicId: k.public_id,
      publicKeyMultibase: k.public_key_multibase,
      publicKeyJwk: k.public_key_jwk,
      status: k.status,
      revokedAt: k.revoked_at,
    })),
  );
}

/** Public URL of a status list credential. */
export function statusListUrl(config: Config, listPublicId: string): string {
  return `${config.publicUrl}/status/${listPublicId}`;
}

/** Re-signs a status list if it changed since it was last signed; returns whether it did (never under a public URL other than the database's). */
export async function publishStatusList(
  db: Queryable,
  services: CredentialServices,
  config: Config,
  listPublicId: string,
  now: Date,
  options: { keys?: OrganisationKeys } = {},
): Promise<boolean> {
  const list = await db
    .selectFrom('status_lists as l')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .select([
      'l.id',
      'l.public_id',
      'l.purpose',
      'l.bits',
      'l.version',
      'l.signed_version',
      'o.id as organisation_id',
      'o.slug',
    ])
    .where('l.public_id', '=', listPublicId)
    .executeTakeFirst();
  if (!list || (list.signed_version >= list.version && list.signed_version >= 0)) return false;
  const unsigned = statusListCredential({
    url: statusListUrl(config, list.public_id),
    issuer: organisationDid(config.publicUrl, list.slug),
    purpose: list.purpose,
    bits: list.bits,
    validFrom: isoSeconds(now),
  });
  // A bulk-award batch hands its keys down; any other caller has them read here, once.
  const given = options.keys?.signing.row.organisation_id === list.organisation_id ? options.keys : undefined;
  const keys = given ?? (await organisationKeys(db, services.vault, list.organisation_id, now));
  const { signed } = await signForOrganisation({
    config,
    canonicalizer: services.canonicalizer,
    organisation: { slug: list.slug },
    keys,
    unsigned,
    now,
  });
  const updated = await db
    .updateTable('status_lists')
    .set({ signed_document: JSON.stringify(signed), signed_version: list.version, signed_at: now })
    .where('id', '=', list.id)
    .where('version', '=', list.version)
    // A process left running with another public URL than the database's never re-signs a list.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('instance_settings')
            .select('name')
            .where('name', '=', 'public_url')
            .where('value', '<>', normalizePublicUrl(config.publicUrl)),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
