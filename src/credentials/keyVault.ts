import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Encrypts private keys at rest with AES-256-GCM under a key derived (HKDF-SHA256) from CAIRN_SECRET. */
export interface KeyVault {
  seal(plaintext: Uint8Array): string;
  open(sealed: string): Uint8Array;
}

/** A vault for a secret; `open` throws when the secret is wrong or the data was altered. */
export function keyVault(secret: string): KeyVault {
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'cairn-issuer-keys', 'aes-256-gcm v1', 32),
  );
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('v1.')) throw new Error('Unknown key encryption format');
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
      } catch {
        throw new Error(
          'Cannot decrypt an issuer key: CAIRN_SECRET differs from the one the key was sealed with',
        );
      }
    },
  };
}
