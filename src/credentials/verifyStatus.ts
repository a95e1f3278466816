import { createHash } from 'node:crypto';
import { BoundedCache } from '../domain/boundedCache.ts';
import { decodeList, MIN_STATUS_LIST_SIZE, readStatusEntry, statusValue } from './bitstringStatusList.ts';
import { checkDeadline, exceedsLimits, isBudgetExceeded } from './budget.ts';
import { checkSaying, failedCheck, type Check, type StatusResult } from './verificationReport.ts';
import { CheckError, detail, detailOf, libraryText, type CheckDetail } from './checkMessages.ts';
import { isObject, issuerId, type Json, type VerifierDeps } from './verifierDeps.ts';
import { dataIntegrityProofs } from './verifyProofs.ts';
import { validityWindow } from './validityWindow.ts';

/** Status entries checked per credential (each may load a list). */
const MAX_STATUS_ENTRIES = 8;

/** Decoded bits of status lists whose signatures verified, by URL and document hash. */
const verifiedLists = new BoundedCache<string, Uint8Array>(256);

/** A status list that cannot be used, with the Bitstring Status List error it stands for. */
class StatusError extends CheckError {
  constructor(
    override readonly code:
      | 'status_unavailable'
      | 'status_unverifiable'
      | 'status_list_too_short'
      | 'status_out_of_range'
      | 'verification_budget_exceeded',
    said: CheckDetail,
  ) {
    super(said, code);
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
  checkDeadline(deps.deadline, 'status');
  let list: Json;
  try {
    const loaded: unknown = await deps.loadStatusList(url);
    if (!isObject(loaded)) throw new StatusError('status_unavailable', detail('listNotObject', { url }));
    list = loaded;
  } catch (err) {
    if (isBudgetExceeded(err) || err instanceof StatusError) throw err;
    throw new StatusError('status_unavailable', unreachable(url, err));
  }
  const fail = (said: CheckDetail) => new StatusError('status_unverifiable', said);
  // A list from elsewhere is as untrusted as the credential: the same bounds.
  if (exceedsLimits(list)) throw fail(detail('listTooLarge', { url }));
  const subject = list.credentialSubject;
  if (
    ![list.type].flat().includes('BitstringStatusListCredential') ||
    !isObject(subject) ||
    typeof subject.encodedList !== 'string'
  )
    throw fail(detail('listNotStatusList', { url }));
  if (list.id !== undefined && list.id !== url)
    throw fail(detail('listIdMismatch', { url, listId: String(list.id).slice(0, 200) }));
  const listIssuer = issuerId(list);
  if (issuer && listIssuer !== issuer) throw fail(detail('listOtherIssuer', { url }));
  if (!isObject([list.proof].flat()[0])) throw fail(detail('listNotSigned', { url }));
  // Every proof of the list verifies (proof sets as for credentials), one by the issuer's key;
  // the bits of a list that verified are kept by its hash (never those of what was presented).
  const memoKey = `${url}\n${createHash('sha256').update(JSON.stringify(list)).digest('base64')}`;
  const { issuerKey, proof } = await dataIntegrityProofs(list, listIssuer, deps);
  if (proof.code === 'verification_budget_exceeded')
    throw new StatusError('verification_budget_exceeded', detail('statusBudgetExceeded', { url }));
  if (!proof.ok)
    throw fail(
      proof.code === 'proof_invalid'
        ? detail('listSignatureInvalid', { url })
        : detail('listProofFails', { url, code: proof.code ?? 'proof' }),
    );
  // As before proof sets: the list's issuer is checked by name above; a list signed before its
  // key was retired still tells the bits it signed.
  if (!issuerKey.ok && issuerKey.code !== 'key_revoked' && issuerKey.code !== 'issuer_mismatch')
    throw fail(detail('listKeyUnusable', { url, code: issuerKey.code ?? 'issuer_key' }));
  const window = validityWindow(list, deps.now);
  if (!window.ok) throw fail(detail('listNotValidNow', { url, code: window.code ?? 'validity_window' }));
  const purposes = [subject.statusPurpose].flat();
  if (!purposes.includes(purpose))
    throw fail(
      purposes.length
        ? detail('listPurposeMismatch', { url, purposes: purposes.map(String), purpose })
        : detail('listNoPurpose', { url, purpose }),
    );
  let bits = verifiedLists.get(memoKey);
  if (!bits) {
    try {
      bits = decodeList(subject.encodedList);
    } catch (err) {
      throw fail(detail('listUnreadable', { url }, libraryText(err)));
    }
    verifiedLists.set(memoKey, bits);
  }
  if (bits.length * 8 < MIN_STATUS_LIST_SIZE)
    throw new StatusError(
      'status_list_too_short',
      detail('listTooShort', { url, count: bits.length * 8, min: MIN_STATUS_LIST_SIZE }),
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
    return done(
      failedCheck(
        'status',
        'status_malformed',
        detail('tooManyStatusEntries', { count: raw.length, max: MAX_STATUS_ENTRIES }),
      ),
    );
  const notes: CheckDetail[] = [];
  const unknown: string[] = [];
  for (const entry of raw) {
    if (!isObject(entry))
      return done(failedCheck('status', 'status_malformed', detail('statusEntryNotObject')));
    if (entry.type !== 'BitstringStatusListEntry') {
      unknown.push(String([entry.type].flat()[0] ?? 'without a type'));
      continue;
    }
    const read = readStatusEntry(entry);
    if ('malformed' in read)
      return done(
        failedCheck(
          'status',
          'status_malformed',
          detail('statusEntryMalformed', undefined, { text: read.malformed, from: 'library' }),
        ),
      );
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
          detail('statusOutOfRange', { url: read.listUrl }, libraryText(err)),
        );
      }
    } catch (err) {
      if (isBudgetExceeded(err))
        return done(failedCheck('status', 'verification_budget_exceeded', err.detail));
      if (err instanceof StatusError) return done(failedCheck('status', err.code, err.detail));
      return done(failedCheck('status', 'status_unavailable', unreachable(read.listUrl, err)));
    }
    result.value = value;
    const message = read.messages.get(value);
    if (message !== undefined) result.message = message;
    // The issuer's own words for the value (statusMessage), in whatever language it wrote them.
    const said = message !== undefined ? { text: message, from: 'credential' as const } : undefined;
    if (value !== 0 && read.purpose === 'revocation')
      return done(failedCheck('status', 'revoked', detail('revokedByIssuer', undefined, said)));
    if (value !== 0 && read.purpose === 'suspension')
      return done(failedCheck('status', 'suspended', detail('suspendedByIssuer', undefined, said)));
    if (read.purpose === 'message' && (message !== undefined || value !== 0))
      notes.push(
        said
          ? detail('statusMessage', undefined, said)
          : detail('statusValue', { value: `0x${value.toString(16)}` }),
      );
    if (read.purpose === 'refresh' && value !== 0) notes.push(detail('newerVersion', undefined, said));
  }
  const extra = await deps.extraStatus?.(c);
  if (extra === 'revoked') return done(failedCheck('status', 'revoked', detail('revokedByIssuer')));
  if (extra === 'suspended') return done(failedCheck('status', 'suspended', detail('suspendedByIssuer')));
  if (unknown.length) notes.push(detail('statusTypesUnchecked', { types: unknown }));
  return done(
    notes.length ? checkSaying('status', true, 'status_notes', notes, '; ') : { id: 'status', ok: true },
  );
}

/** Why a list could not be loaded: the loader's own detail (a list of this site), else its words as they came. */
function unreachable(url: string, err: unknown): CheckDetail {
  const own = detailOf(err);
  return own.key === 'reported'
    ? detail('statusUnreachable', { url }, own.quoted)
    : detail('statusUnreachableBecause', { url, text: own });
}

/** Verifies every credential a CLR carries: the transcript is only as good as each of them. */
