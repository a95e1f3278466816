import { sql, type Kysely } from 'kysely';

/** RSA (RS256) signing keys beside Ed25519, for VC-JWT verifiers that only know RSA. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`alter table issuer_keys drop constraint issuer_keys_algorithm_check`,
    sql`alter table issuer_keys add constraint issuer_keys_algorithm_check check (algorithm in ('Ed25519', 'RSA'))`,
    sql`alter table issuer_keys alter column public_key_multibase drop not null`,
    sql`alter table issuer_keys add column public_key_jwk text`,
    sql`alter table issuer_keys add constraint issuer_keys_public_key check (public_key_multibase is not null or public_key_jwk is not null)`,
    sql`drop index issuer_keys_one_active`,
    sql`create unique index issuer_keys_one_active on issuer_keys (organisation_id, algorithm) where status = 'active'`,
  ];
  for (const statement of statements) await statement.execute(db);
}
