import { createHash } from 'node:crypto';
import { BoundedCache } from '../domain/boundedCache.ts';
import { decodeList, MIN_STATUS_LIST_SIZE, readStatusEntry, statusValue } from './bitstringStatusList.ts';
import { checkDeadline, exceedsLimits, isBudgetExceeded } from './budget.ts';
import type { Check, StatusResult } from './verificationReport.ts';
import { isObject, issuerId, type Json, type VerifierDeps } from './verifierDeps.ts';
import { dataIntegrityProofs } from './verifyProofs.ts';
import { validityWindow } from './validityWindow.ts';

/** Status entries checked per credential (each may load a list). */
const MAX_STATUS_ENTRIES = 8;

/** Decoded bits of status lists whose signatures verified, by URL and document hash. */
const verifiedLists = new BoundedCache<string, Uint8Array>(256);

/** A status list that cannot be used, with the Bitstring Status List error it stands for. */
class StatusError extends Error {
  constructor(
    readonly code:
      | 'status_unavailable'
      | 'status_unverifiable'
      | 'status_list_too_short'
      | 'status_out_of_range'
      | 'verification_budget_exceeded',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Loads and checks one status list credential as the Validate Algorithm says: retrieved
 * (STATUS_RETRIEVAL_ERROR), every proof verified with one by the credential's issuer, its own id
 * (when it gives one) the URL it was fetched by, inside its validity period, and the entry's
 * purpose among its purposes (STATUS_VERIFICATION_ERROR); then its bits (at least 16 KB,
 * STATUS_LIST_LENGTH_ERROR).
 */
async function loadList(
  url: string,
  purpose: string,
  issuer: string | undefined,
  deps: VerifierDeps,
): Promise<Uint8Array> {
  checkDeadline(deps.deadline, 'Checking the status');
  let list: Json;
  try {
    const loaded: unknown = await deps.loadStatusList(url);
    if (!isObject(loaded)) throw new Error('it is not a JSON object');
    list = loaded;
  } catch (err) {
    if (isBudgetExceeded(err)) throw err;
    throw new StatusError('status_unavailable', `Cannot check status at ${url}: ${(err as Error).message}`);
  }
  const fail = (message: string) =>
    new StatusError('status_unverifiable', `Cannot check status at ${url}: ${message}`);
  // A list from elsewhere is as untrusted as the credential: the same bounds.
  const problem = exceedsLimits(list);
  if (problem) throw fail(problem.message);
  const subject = list.credentialSubject;
  if (
    ![list.type].flat().includes('BitstringStatusListCredential') ||
    !isObject(subject) ||
    typeof subject.encodedList !== 'string'
  )
    throw fail('not a BitstringStatusListCredential');
  if (list.id !== undefined && list.id !== url)
    throw fail(`the list says it is ${String(list.id).slice(0, 200)}, not the list the credential names`);
  const listIssuer = issuerId(list);
  if (issuer && listIssuer !== issuer) throw fail('the status list has another issuer');
  if (!isObject([list.proof].flat()[0])) throw fail('the status list is not signed');
  // Every proof of the list verifies (proof sets as for credentials), one by the issuer's key;
  // the bits of a list that verified are kept by its hash (never those of what was presented).
  const memoKey = `${url}\n${createHash('sha256').update(JSON.stringify(list)).digest('base64')}`;
  const { issuerKey, proof } = await dataIntegrityProofs(list, listIssuer, deps);
  if (proof.code === 'verification_budget_exceeded')
    throw new StatusError('verification_budget_exceeded', `Cannot check status at ${url}: ${proof.message}`);
  if (!proof.ok)
    throw fail(
      proof.code === 'proof_invalid'
        ? `its signature does not verify (${proof.code})`
        : (proof.message ?? proof.code ?? 'its proof does not verify'),
    );
  // As before proof sets: the list's issuer is checked by name above; a list signed before its
  // key was retired still tells the bits it signed.
  if (!issuerKey.ok && issuerKey.code !== 'key_revoked' && issuerKey.code !== 'issuer_mismatch')
    throw fail(`its key cannot be used (${issuerKey.message})`);
  const window = validityWindow(list, deps.now);
  if (!window.ok) throw fail(`the list itself is not valid now (${window.message})`);
  const purposes = [subject.statusPurpose].flat();
  if (!purposes.includes(purpose))
    throw fail(`the list is for ${purposes.map(String).join(', ') || 'no purpose'}, not ${purpose}`);
  let bits = verifiedLists.get(memoKey);
  if (!bits) {
    try {
      bits = decodeList(subject.encodedList);
    } catch (err) {
      throw fail(`its encodedList cannot be read (${(err as Error).message})`);
    }
    verifiedLists.set(memoKey, bits);
  }
  if (bits.length * 8 < MIN_STATUS_LIST_SIZE)
    throw new StatusError(
      'status_list_too_short',
      `The status list at ${url} has ${bits.length * 8} entries; a list must have at least ${MIN_STATUS_LIST_SIZE.toLocaleString('en')} (16 KB) so that it hides who is on it`,
    );
  return bits;
}

/**
 * Checks every status entry of a credential (Bitstring Status List: revocation, suspension,
 * refresh and message purposes; statusSize and statusMessage), then the status the issuer keeps
 * outside the document. A revoked or suspended value fails the check; refresh and message values
 * are reported with the issuer's message.
 */
// eslint-disable-next-line max-lines-per-function -- the Bitstring Status List validate algorithm, step by step in the spec order, for each entry
export async function status(
  c: Json,
  deps: VerifierDeps,
  issuer: string | undefined,
): Promise<{ check: Check; statuses: StatusResult[] }> {
  const raw = c.credentialStatus === undefined ? [] : [c.credentialStatus].flat();
  const statuses: StatusResult[] = [];
  const done = (check: Check) => ({ check, statuses });
  if (raw.length > MAX_STATUS_ENTRIES)
    return done({
      id: 'status',
      ok: false,
      code: 'status_malformed',
      message: `The credential has ${raw.length} status entries; at most ${MAX_STATUS_ENTRIES} are checked`,
    });
  const notes: string[] = [];
  const unknown: string[] = [];
  for (const entry of raw) {
    if (!isObject(entry))
      return done({
        id: 'status',
        ok: false,
        code: 'status_malformed',
        message: 'A credentialStatus entry is not an object',
      });
    if (entry.type !== 'BitstringStatusListEntry') {
      unknown.push(String([entry.type].flat()[0] ?? 'without a type'));
      continue;
    }
    const read = readStatusEntry(entry);
    if ('malformed' in read)
      return done({
        id: 'status',
        ok: false,
        code: 'status_malformed',
        message: `A status entry is malformed: ${read.malformed}`,
      });
    const result: StatusResult = {
      purpose: read.purpose,
      list: read.listUrl,
      index: read.index,
      ...(read.references.length ? { references: read.references } : {}),
    };
    statuses.push(result);
    let value: number;
    try {
      const bits = await loadList(read.listUrl, read.purpose, issuer, deps);
      try {
        value = statusValue(bits, read.index, read.size);
      } catch (err) {
        throw new StatusError(
          'status_out_of_range',
          `Cannot check status at ${read.listUrl}: ${(err as Error).message}`,
        );
      }
    } catch (err) {
      if (isBudgetExceeded(err))
        return done({
          id: 'status',
          ok: false,
          code: 'verification_budget_exceeded',
          message: (err as Error).message,
        });
      if (err instanceof StatusError)
        return done({ id: 'status', ok: false, code: err.code, message: err.message });
      return done({
        id: 'status',
        ok: false,
        code: 'status_unavailable',
        message: `Cannot check status at ${read.listUrl}: ${(err as Error).message}`,
      });
    }
    result.value = value;
    const message = read.messages.get(value);
    if (message !== undefined) result.message = message;
    const said = message !== undefined ? ` (“${message}”)` : '';
    if (value !== 0 && read.purpose === 'revocation')
      return done({
        id: 'status',
        ok: false,
        code: 'revoked',
        message: `The issuer revoked this credential${said}`,
      });
    if (value !== 0 && read.purpose === 'suspension')
      return done({
        id: 'status',
        ok: false,
        code: 'suspended',
        message: `The issuer suspended this credential${said}`,
      });
    if (read.purpose === 'message' && (message !== undefined || value !== 0))
      notes.push(`Status message: ${message ?? `value 0x${value.toString(16)}`}.`);
    if (read.purpose === 'refresh' && value !== 0)
      notes.push(`The issuer has a newer version of this credential${said}.`);
  }
  const extra = await deps.extraStatus?.(c);
  if (extra === 'revoked')
    return done({ id: 'status', ok: false, code: 'revoked', message: 'The issuer revoked this credential' });
  if (extra === 'suspended')
    return done({
      id: 'status',
      ok: false,
      code: 'suspended',
      message: 'The issuer suspended this credential',
    });
  if (unknown.length) notes.push(`Status of type ${unknown.join(', ')} is not checked here.`);
  return done(
    notes.length
      ? { id: 'status', ok: true, code: 'status_notes', message: notes.join(' ') }
      : { id: 'status', ok: true },
  );
}

/** Verifies every credential a CLR carries: the transcript is only as good as each of them. */
