import { extractFromPng, extractFromSvg } from '../../credentials/baking/index.ts';
import { decodeVcJwt } from '../../credentials/vcJwt.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/** How getCredentials lists one badge: the JSON text of a credential as received, or a compact JWS. */
export type Listed = { kind: 'json'; text: string } | { kind: 'jws'; jws: string };

/** The credential inside a stored badge, exactly as it was given (the baked payload of an image). */
export function listedForm(stored: {
  format: string;
  original_text: string | null;
  original_bytes: Uint8Array | null;
}): Listed | null {
  let payload: string | null = null;
  if (stored.format === 'png' && stored.original_bytes)
    payload = extractFromPng(stored.original_bytes)?.data ?? null;
  else if (stored.format === 'svg' && stored.original_text)
    payload = extractFromSvg(stored.original_text)?.data ?? null;
  else payload = stored.original_text;
  if (payload === null) return null;
  const text = payload.replace(/^\uFEFF/, '').trim();
  if (COMPACT_JWS.test(text)) return { kind: 'jws', jws: text };
  try {
    return isObject(JSON.parse(text)) ? { kind: 'json', text } : null;
  } catch {
    return null;
  }
}

/** The credential a listed form carries, decoded (the JWT's `vc` claim, or the JSON itself). */
export function credentialOf(listed: Listed): Json | null {
  try {
    if (listed.kind === 'jws') return decodeVcJwt(listed.jws).credential;
    const parsed: unknown = JSON.parse(listed.text);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The credential's own id (its `id`, or a VC-JWT's `jti`), or '' when it has none. */
export function credentialUri(listed: Listed | null): string {
  if (!listed) return '';
  const credential = credentialOf(listed);
  if (credential && typeof credential.id === 'string' && credential.id) return credential.id;
  if (listed.kind === 'jws') {
    try {
      const { payload } = decodeVcJwt(listed.jws);
      if (typeof payload.jti === 'string') return payload.jti;
    } catch {
      return '';
    }
  }
  return '';
}

/** True when the credential is an Open Badges 3.0 one (OpenBadgeCredential or AchievementCredential). */
export function isOpenBadgeCredential(credential: Json | null): boolean {
  const types = [credential?.type].flat();
  return types.includes('OpenBadgeCredential') || types.includes('AchievementCredential');
}
