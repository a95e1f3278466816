import { randomBytes } from 'node:crypto';
import type { KeyVault } from '../../credentials/keyVault.ts';

/** A new signing secret, shown once to whoever creates the subscription. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** The secret is kept encrypted (AES-256-GCM under CAIRN_SECRET): signing needs it back, so it cannot be hashed. */
export function sealWebhookSecret(vault: KeyVault, secret: string): string {
  return vault.seal(new TextEncoder().encode(secret));
}

export function openWebhookSecret(vault: KeyVault, sealed: string): string {
  return new TextDecoder().decode(vault.open(sealed));
}
