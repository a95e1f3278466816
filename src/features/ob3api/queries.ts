import { sql } from 'kysely';
import type { Queryable } from '../../storage/database.ts';

// Every SQL statement of the OB 3.0 API feature.

// ---------------------------------------------------------------------------------------------
// The authorization server's models (oidc-provider adapter)

export interface StoredModel {
  payload: Record<string, unknown>;
  expires_at: Date | null;
}

/** Inserts or replaces one model (client, grant, code, token, session, interaction …). */
export async function upsertModel(
  db: Queryable,
  row: {
    model: string;
    id: string;
    payload: string;
    grantId: string | null;
    userCode: string | null;
    uid: string | null;
    expiresAt: Date | null;
  },
): Promise<void> {
  await db
    .insertInto('oauth_models')
    .values({
      model: row.model,
      id: row.id,
      payload: row.payload,
      grant_id: row.grantId,
      user_code: row.userCode,
      uid: row.uid,
      expires_at: row.expiresAt,
    })
    .onConflict((oc) =>
      oc.columns(['model', 'id']).doUpdateSet({
        payload: row.payload,
        grant_id: row.grantId,
        user_code: row.userCode,
        uid: row.uid,
        expires_at: row.expiresAt,
      }),
    )
    .execute();
}

/** One model that has not expired, by id, uid or user code. */
export async function findModel(
  db: Queryable,
  model: string,
  by: 'id' | 'uid' | 'user_code',
  value: string,
  now: Date,
): Promise<StoredModel | undefined> {
  return db
    .selectFrom('oauth_models')
    .select(['payload', 'expires_at'])
    .where('model', '=', model)
    .where(by, '=', value)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

/** Marks a code or token as used (the payload's `consumed`, seconds since the epoch). */
export async function consumeModel(
  db: Queryable,
  model: string,
  id: string,
  nowSeconds: number,
): Promise<void> {
  await db
    .updateTable('oauth_models')
    .set({ payload: sql<string>`payload || jsonb_build_object('consumed', ${nowSeconds}::bigint)` })
    .where('model', '=', model)
    .where('id', '=', id)
    .execute();
}

export async function destroyModel(db: Queryable, model: string, id: string): Promise<void> {
  await db.deleteFrom('oauth_models').where('model', '=', model).where('id', '=', id).execute();
}

/** Revokes everything issued under one grant (codes, access and refresh tokens). */
export async function destroyByGrant(db: Queryable, grantId: string): Promise<void> {
  await db.deleteFrom('oauth_models').where('grant_id', '=', grantId).execute();
}

/** Removes expired models; returns how many. */
export async function purgeExpiredModels(db: Queryable, now: Date): Promise<number> {
  const result = await db.deleteFrom('oauth_models').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// The signing key every process shares

/** The sealed signing key by name; the first process to ask creates it, every later one reads it. */
export async function signingKey(
  db: Queryable,
  name: string,
  create: () => string,
  now: Date,
): Promise<string> {
  await db
    .insertInto('oauth_signing_keys')
    .values({ name, sealed_jwk: create(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('oauth_signing_keys')
    .select('sealed_jwk')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.sealed_jwk;
}

// ---------------------------------------------------------------------------------------------
// Accounts

export async function userByPublicId(db: Queryable, publicId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'public_id', 'name', 'updated_at'])
    .where('public_id', '=', publicId)
    .executeTakeFirst();
}

export async function userById(db: Queryable, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'public_id', 'name', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function primaryEmail(db: Queryable, userId: number): Promise<string | null> {
  const row = await db
    .selectFrom('user_emails')
    .select('email')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return row?.email ?? null;
}

// ---------------------------------------------------------------------------------------------
// Credentials listed by getCredentials

/** Documents of credentials Cairn issued, by row id. */
export async function issuedDocuments(db: Queryable, ids: number[]) {
  if (!ids.length) return [];
  return db.selectFrom('credentials').select(['id', 'document']).where('id', 'in', ids).execute();
}

/** The user's imported badges that are OB 3.0 credentials (Cairn's verifier read them as such), without their content. */
export async function importedOb3Summaries(db: Queryable, userId: number) {
  return db
    .selectFrom('imported_credentials')
    .select(['id', 'issued_on', 'created_at'])
    .where('user_id', '=', userId)
    .where(sql<string>`(report::jsonb)->>'format'`, 'in', ['ldp', 'jwt'])
    .execute();
}

/** The stored originals of some imported badges. */
export async function importedOriginals(db: Queryable, userId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('imported_credentials')
    .select(['id', 'public_id', 'format', 'original_text', 'original_bytes', 'sha256', 'credential_uri'])
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .execute();
}

/** Imports whose credential id has not been read yet (filled lazily, once per row). */
export async function importsWithoutUri(db: Queryable, userId: number) {
  return db
    .selectFrom('imported_credentials')
    .select(['id', 'format', 'original_text', 'original_bytes'])
    .where('user_id', '=', userId)
    .where('credential_uri', 'is', null)
    .execute();
}

export async function setImportUri(db: Queryable, id: number, uri: string): Promise<void> {
  await db.updateTable('imported_credentials').set({ credential_uri: uri }).where('id', '=', id).execute();
}

export async function importByUri(db: Queryable, userId: number, uri: string) {
  return db
    .selectFrom('imported_credentials')
    .select(['id', 'public_id', 'sha256'])
    .where('user_id', '=', userId)
    .where('credential_uri', '=', uri)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function importByPublicId(db: Queryable, userId: number, publicId: string) {
  return db
    .selectFrom('imported_credentials')
    .select(['id', 'public_id'])
    .where('user_id', '=', userId)
    .where('public_id', '=', publicId)
    .executeTakeFirst();
}

export async function importBySha(db: Queryable, userId: number, sha256: string) {
  return db
    .selectFrom('imported_credentials')
    .select(['id', 'public_id'])
    .where('user_id', '=', userId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** The new import takes the old one's place in every collection; the old one goes. */
export async function replaceImport(db: Queryable, oldId: number, newId: number): Promise<void> {
  await db
    .updateTable('collection_items')
    .set({ imported_credential_id: newId })
    .where('imported_credential_id', '=', oldId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('collection_items as other')
            .select('other.id')
            .whereRef('other.collection_id', '=', 'collection_items.collection_id')
            .where('other.imported_credential_id', '=', newId),
        ),
      ),
    )
    .execute();
  await db.deleteFrom('imported_credentials').where('id', '=', oldId).execute();
}

// ---------------------------------------------------------------------------------------------
// Connections to other OB 3.0 hosts (the client side)

export type ConnectionRow = Awaited<ReturnType<typeof connectionsOf>>[number];

export async function connectionsOf(db: Queryable, userId: number) {
  return db.selectFrom('ob3_connections').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

export async function connectionByPublicId(db: Queryable, userId: number, publicId: string) {
  return db
    .selectFrom('ob3_connections')
    .selectAll()
    .where('user_id', '=', userId)
    .where('public_id', '=', publicId)
    .executeTakeFirst();
}

export async function connectionByState(db: Queryable, userId: number, state: string) {
  return db
    .selectFrom('ob3_connections')
    .selectAll()
    .where('user_id', '=', userId)
    .where('oauth_state', '=', state)
    .where('state', '=', 'pending')
    .executeTakeFirst();
}

export async function insertConnection(
  db: Queryable,
  row: {
    publicId: string;
    userId: number;
    baseUrl: string;
    hostName: string;
    issuer: string;
    authorizationUrl: string;
    tokenUrl: string;
    revocationUrl: string | null;
    apiBase: string;
    clientId: string;
    sealedClientSecret: string | null;
    sealedPkceVerifier: string;
    oauthState: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('ob3_connections')
    .values({
      public_id: row.publicId,
      user_id: row.userId,
      base_url: row.baseUrl,
      host_name: row.hostName,
      issuer: row.issuer,
      authorization_url: row.authorizationUrl,
      token_url: row.tokenUrl,
      revocation_url: row.revocationUrl,
      api_base: row.apiBase,
      client_id: row.clientId,
      sealed_client_secret: row.sealedClientSecret,
      state: 'pending',
      sealed_pkce_verifier: row.sealedPkceVerifier,
      oauth_state: row.oauthState,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function storeTokens(
  db: Queryable,
  id: number,
  tokens: {
    sealedAccess: string;
    sealedRefresh: string | null;
    expiresAt: Date | null;
    scope: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('ob3_connections')
    .set({
      state: 'connected',
      sealed_pkce_verifier: null,
      oauth_state: null,
      sealed_access_token: tokens.sealedAccess,
      sealed_refresh_token: tokens.sealedRefresh,
      access_expires_at: tokens.expiresAt,
      scope: tokens.scope,
      updated_at: tokens.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteConnection(db: Queryable, userId: number, id: number): Promise<void> {
  await db.deleteFrom('ob3_connections').where('user_id', '=', userId).where('id', '=', id).execute();
}
