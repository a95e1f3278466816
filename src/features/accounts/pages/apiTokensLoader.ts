import type { Queryable } from '../../../storage/database.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import { listApiTokens } from '../queries/apiTokens.ts';

/** What the API tokens page shows. */
export interface TokensModel {
  name: string;
  slug: string;
  did: string;
  tokens: Awaited<ReturnType<typeof listApiTokens>>;
}

export async function loadTokens(
  db: Queryable,
  publicUrl: string,
  organisation: { id: number; name: string; slug: string },
): Promise<TokensModel> {
  return {
    name: organisation.name,
    slug: organisation.slug,
    did: organisationDid(publicUrl, organisation.slug),
    tokens: await listApiTokens(db, organisation.id),
  };
}
