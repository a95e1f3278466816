import { createHash } from 'node:crypto';
import { importBadge, type BackpackDeps } from '../backpack/index.ts';
import type { Actor } from '../../domain/commands.ts';
import { AppError } from '../../domain/errors.ts';
import { inTransaction } from '../../storage/database.ts';
import { Ob3ApiError } from '../../http/imsx.ts';
import { importBySha, importByUri, importsWithoutUri, replaceImport, setImportUri } from './queries.ts';
import {
  COMPACT_JWS,
  credentialOf,
  credentialUri,
  isOpenBadgeCredential,
  listedForm,
  type Listed,
} from './storedBadge.ts';

export interface UpsertResult {
  /** True when a credential with the same id was replaced (200), false when it is new (201). */
  replaced: boolean;
  publicId: string;
}

/** Reads the request body (JSON or a compact JWS as text/plain) into the form it is kept in. */
export function readUpsertBody(contentType: string, text: string): Listed {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let listed: Listed;
  if (type === 'application/json' || type === 'application/ld+json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new Ob3ApiError(400, 'invalid_data', 'The body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Ob3ApiError(400, 'invalid_data', 'The body must be one credential: a JSON object.');
    listed = { kind: 'json', text: trimmed };
  } else if (type === 'text/plain') {
    if (!COMPACT_JWS.test(trimmed))
      throw new Ob3ApiError(
        400,
        'invalid_data',
        'A text/plain body must be one credential in compact JWS form (three base64url parts separated by dots).',
      );
    listed = { kind: 'jws', jws: trimmed };
  } else {
    throw new Ob3ApiError(
      400,
      'invalid_data',
      'Send the credential as application/json, or as a compact JWS in text/plain.',
    );
  }
  if (!isOpenBadgeCredential(credentialOf(listed)))
    throw new Ob3ApiError(
      400,
      'invalid_data',
      'That is not an Open Badges 3.0 credential: its type must include OpenBadgeCredential (or AchievementCredential).',
    );
  return listed;
}

/** Reads the credential id of the user's imports that have none recorded yet (once per import). */
async function recordMissingUris(deps: BackpackDeps, userId: number): Promise<void> {
  for (const row of await importsWithoutUri(deps.db, userId)) {
    await setImportUri(deps.db, row.id, credentialUri(listedForm(row)));
  }
}

/**
 * upsertCredential: keeps the credential exactly as received in the user's backpack (as an
 * import, verified and labelled by Cairn's verifier like any other). A credential with the same
 * id already there is replaced — the new copy takes its place in collections — and the answer
 * says which happened.
 */
export async function upsertCredential(
  deps: BackpackDeps,
  actor: Actor,
  listed: Listed,
): Promise<UpsertResult> {
  const text = listed.kind === 'jws' ? listed.jws : listed.text;
  const uri = credentialUri(listed);
  await recordMissingUris(deps, actor.userId);
  const existing = uri ? await importByUri(deps.db, actor.userId, uri) : undefined;
  const sha256 = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
  const same = await importBySha(deps.db, actor.userId, sha256);
  if (same) {
    // Already here byte for byte: nothing to store; it "replaced" itself.
    await setImportUri(deps.db, same.id, uri);
    return { replaced: true, publicId: same.public_id };
  }
  let imported: { publicId: string };
  try {
    imported = await importBadge(deps, { actor, text });
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed')
      throw new Ob3ApiError(400, 'invalid_data', err.message);
    throw err;
  }
  await inTransaction(deps.db, async (tx) => {
    const row = await tx
      .selectFrom('imported_credentials')
      .select('id')
      .where('public_id', '=', imported.publicId)
      .executeTakeFirstOrThrow();
    await setImportUri(tx, row.id, uri);
    if (existing) await replaceImport(tx, existing.id, row.id);
  });
  return { replaced: existing !== undefined, publicId: imported.publicId };
}
