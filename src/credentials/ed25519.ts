import { BoundedCache } from '../domain/boundedCache.ts';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { base58MaxChars, base58btcDecode, base58btcEncode } from './base58.ts';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MULTICODEC_ED25519_PUB = [0xed, 0x01];
const MULTICODEC_ED25519_PRIV = [0x80, 0x26];

/** An Ed25519 key pair held as reusable KeyObjects (importing a key per signature is slow). */
export interface Ed25519Keys {
  publicKey: KeyObject;
  privateKey?: KeyObject;
  /** The raw 32-byte public key. */
  publicKeyBytes: Uint8Array;
  /** `z6Mk…`: the Multikey / did:key form of the public key. */
  publicKeyMultibase: string;
}

/** A new random key pair. */
export function generateEd25519(): Ed25519Keys & { privateKey: KeyObject; seed: Uint8Array } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = new Uint8Array(
    privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length),
  );
  return { ...ed25519FromSeed(seed), seed };
}

/** The key pair for a 32-byte private seed. */
export function ed25519FromSeed(seed: Uint8Array): Ed25519Keys & { privateKey: KeyObject } {
  if (seed.length !== 32) throw new Error('An Ed25519 private key is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const publicKeyBytes = new Uint8Array(
    publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length),
  );
  return { privateKey, publicKey, publicKeyBytes, publicKeyMultibase: encodeMultikeyPublic(publicKeyBytes) };
}

/** A verification-only key from its 32 raw bytes. */
export function ed25519FromPublicBytes(bytes: Uint8Array): Ed25519Keys {
  if (bytes.length !== 32) throw new Error('An Ed25519 public key is 32 bytes');
  // Importing a key costs more than verifying with it: verifiers see few keys, many times.
  const id = Buffer.from(bytes).toString('hex');
  const known = publicKeys.get(id);
  if (known) return known;
  const publicKey = createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, bytes]),
    format: 'der',
    type: 'spki',
  });
  const keys: Ed25519Keys = Object.freeze({
    publicKey,
    publicKeyBytes: Uint8Array.from(bytes),
    publicKeyMultibase: encodeMultikeyPublic(bytes),
  });
  publicKeys.set(id, keys);
  return keys;
}

const publicKeys = new BoundedCache<string, Ed25519Keys>(1024);

/** `z` + base58btc(0xed01 ‖ key): the Multikey encoding of an Ed25519 public key. */
export function encodeMultikeyPublic(bytes: Uint8Array): string {
  return `z${base58btcEncode(Uint8Array.from([...MULTICODEC_ED25519_PUB, ...bytes]))}`;
}

/** `z` + base58btc(0x8026 ‖ seed): the Multikey encoding of an Ed25519 secret key. */
export function encodeMultikeySecret(seed: Uint8Array): string {
  return `z${base58btcEncode(Uint8Array.from([...MULTICODEC_ED25519_PRIV, ...seed]))}`;
}

/** The raw public key from a `z6Mk…` Multikey; throws if it is not an Ed25519 public key. */
export function decodeMultikeyPublic(multibase: string): Uint8Array {
  if (!multibase.startsWith('z')) throw new Error('Only base58btc (z…) multibase keys are supported');
  // 34 bytes (2 of multicodec, 32 of key): longer text is refused before decoding.
  if (multibase.length > 1 + base58MaxChars(34))
    throw new Error('Not an Ed25519 Multikey public key (too long)');
  const bytes = base58btcDecode(multibase.slice(1), 34);
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01)
    throw new Error('Not an Ed25519 Multikey public key');
  return bytes.subarray(2);
}

/** Ed25519 signature of data. */
export function ed25519Sign(privateKey: KeyObject, data: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, data, privateKey));
}

/** True when the signature over data verifies. */
export function ed25519Verify(publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}
