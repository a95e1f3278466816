import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A public opaque id (never the primary key), e.g. usr_4k2j9x0q1m3z8c7v. */
export function publicId(prefix: string): string {
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 36];
  return `${prefix}_${out}`;
}

/** A secret for links and cookies: 32 random bytes, base64url. Only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a secret token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
