import { base58 } from '@scure/base';

/*
 * Base58btc through @scure/base (maintained, audited). Note that any base58 is a positional-base
 * conversion, quadratic in the length of its input (the @scure/base README says so too): what
 * keeps decoding cheap is a bound on the length, checked before any conversion. Every caller says
 * how many bytes the format allows (an Ed25519 signature is 64, a Multikey public key 34), and
 * longer text is refused at once.
 */

/** The most base58 characters `bytes` bytes can take (log(256)/log(58) ≈ 1.3657 characters a byte). */
export const base58MaxChars = (bytes: number): number => Math.ceil(bytes * 1.3658) + 1;

/** Bitcoin-alphabet base58 encoding (multibase 'z' without the prefix). */
export function base58btcEncode(bytes: Uint8Array): string {
  return base58.encode(bytes);
}

/**
 * Decodes base58btc of at most `maxBytes` bytes; throws on a character outside the alphabet, or
 * on text longer than such a value can be (before decoding anything).
 */
export function base58btcDecode(text: string, maxBytes: number): Uint8Array {
  const maxChars = base58MaxChars(maxBytes);
  if (text.length > maxChars)
    throw new Error(
      `Too long: ${maxBytes} bytes are at most ${maxChars} base58 characters, this has ${text.length}`,
    );
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(text);
  } catch {
    const bad = [...text].find((c) => !/[1-9A-HJ-NP-Za-km-z]/.test(c));
    throw new Error(bad === undefined ? 'Invalid base58' : `Invalid base58 character ${JSON.stringify(bad)}`);
  }
  if (bytes.length > maxBytes) throw new Error(`Too long: at most ${maxBytes} bytes are expected here`);
  return bytes;
}
