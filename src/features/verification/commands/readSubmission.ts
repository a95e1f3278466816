import { ownOb2Document, Ob2NotServedError } from '../../ob2export/index.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Config } from '../../../config.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import { sniffImage } from '../../../credentials/baking/index.ts';
import type { FetchedCredential } from '../../../credentials/resolve/safeFetch.ts';
import { badgeDocument } from '../queries.ts';
import { verificationMessage, type VerificationMessage } from '../messages.ts';
import type { MessageValues } from '../../../web/i18n/i18n.ts';

/** What a person hands over to be verified: pasted text, an uploaded file or a URL (one of them). */
export interface Submission {
  text?: string;
  file?: { name: string; bytes: Uint8Array };
  url?: string;
  /** An Open Badges 2.0 issuer key document (CryptographicKey or Issuer profile JSON), so a signed assertion verifies offline. */
  issuerKey?: string;
}

export type SubmissionFormat = 'json' | 'jws' | 'png' | 'svg' | 'url';

/** A submission read into something the verifier takes, with the format it came in. */
export interface ReadSubmission {
  format: SubmissionFormat;
  input: string | Record<string, unknown> | Uint8Array;
  /** The original text or bytes, as given (to keep verbatim, e.g. in a backpack). */
  original: string | Uint8Array;
  sourceUrl?: string;
}

export type ReadDeps = { db: Queryable; config: Config; services: CredentialServices; now: Date };

const MAX_FILE = 5 * 1024 * 1024;

/** A refusal in the catalogue's words: the message, and a note for the field at fault. */
const refusal = (
  key: VerificationMessage,
  fields: Partial<Record<'text' | 'file' | 'url', VerificationMessage>>,
  values?: MessageValues,
) =>
  new AppError(
    'validation_failed',
    verificationMessage(key, values),
    Object.fromEntries(Object.entries(fields).map(([field, note]) => [field, verificationMessage(note)])),
  );
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function readText(text: string): ReadSubmission {
  const t = text.trim();
  // A baked SVG pasted as text is read as the image it is.
  if (sniffImage(Buffer.from(t)) === 'svg')
    return { format: 'svg', input: new Uint8Array(Buffer.from(t, 'utf8')), original: t };
  if (JWS.test(t)) return { format: 'jws', input: t, original: t };
  if (t.startsWith('{')) {
    try {
      return { format: 'json', input: JSON.parse(t) as Record<string, unknown>, original: t };
    } catch (err) {
      throw refusal('notJson', { text: 'notJsonField' }, { reason: (err as Error).message });
    }
  }
  throw refusal('notJsonOrJws', { text: 'notJsonOrJwsField' });
}

/** A credential served by this Cairn (its badge page or download URLs) is read from the database: no network. */
async function ownCredential(db: Queryable, config: Config, url: URL): Promise<string | null> {
  const own = new URL(config.publicUrl);
  if (url.origin !== own.origin) return null;
  const m = /^\/badges\/([A-Za-z0-9_]+)(?:\/credential\.json)?\/?$/.exec(url.pathname);
  if (!m) return ownOb2Assertion(db, config, url);
  const row = await badgeDocument(db, m[1]!);
  if (!row) throw refusal('noOwnBadge', { url: 'checkAddress' });
  // A badge its earner made private is checked only when the credential itself is presented.
  if (row.private === true) throw refusal('privateBadge', { url: 'privateBadgeField' });
  return row.document;
}

/** An OB 2.0 hosted assertion of this site (features/ob2export), read from the database. */
async function ownOb2Assertion(db: Queryable, config: Config, url: URL): Promise<string | null> {
  if (!url.pathname.startsWith('/ob2/assertions/')) return null;
  try {
    const doc = await ownOb2Document(db, config, `${config.publicUrl}${url.pathname.replace(/\/$/, '')}`);
    return doc ? JSON.stringify(doc) : null;
  } catch (err) {
    if (err instanceof Ob2NotServedError && err.reason === 'private')
      throw refusal('privateBadge', { url: 'privateBadgeField' });
    throw refusal('noOwnBadge', { url: 'checkAddress' });
  }
}

/**
 * A credential by its address: this site's own badges and OB 2.0 assertions are read from the
 * database; others go through the SSRF-safe fetcher, and only when fetching is switched on.
 */
async function readUrl(deps: ReadDeps, address: string): Promise<ReadSubmission> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw refusal('notAddress', { url: 'notAddressField' });
  }
  const own = await ownCredential(deps.db, deps.config, url);
  if (own) return { format: 'url', input: own, original: own, sourceUrl: url.toString() };
  // http is refused by the SSRF-safe fetcher itself (only tests let it reach a loopback server).
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refusal('httpsOnly', { url: 'httpsOnlyField' });
  if (!deps.services.remote) throw refusal('noFetching', { url: 'noFetchingField' });
  const remote = deps.services.remote;
  let fetched: FetchedCredential;
  try {
    fetched = remote.fetchCredential
      ? await remote.fetchCredential(url.toString())
      : await remote.fetchJson(url.toString()).then((value) => ({
          kind: 'json' as const,
          value,
          text: JSON.stringify(value),
        }));
  } catch (err) {
    throw refusal('fetchFailed', { url: 'fetchFailedField' }, { reason: (err as Error).message });
  }
  // A compact JWS (VC-JWT) is kept and verified exactly as it was served, like a pasted one.
  if (fetched.kind === 'jws')
    return { format: 'jws', input: fetched.text, original: fetched.text, sourceUrl: url.toString() };
  const { value } = fetched;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw refusal('notCredential', { url: 'notCredentialField' });
  return {
    format: 'url',
    input: value as Record<string, unknown>,
    original: fetched.text,
    sourceUrl: url.toString(),
  };
}

/**
 * Reads what a person submitted (pasted JSON or JWS, a baked PNG/SVG or JSON file, or a URL) into a
 * verifier input. URLs of this site are read locally; other URLs go through the SSRF-safe fetcher,
 * and only when fetching foreign documents is switched on.
 */
export async function readSubmission(deps: ReadDeps, submission: Submission): Promise<ReadSubmission> {
  const given = [
    submission.text?.trim() ? 'text' : null,
    submission.file && submission.file.bytes.length ? 'file' : null,
    submission.url?.trim() ? 'url' : null,
  ].filter(Boolean);
  if (given.length === 0) throw refusal('nothingGiven', { text: 'nothingGivenField' });
  if (given.length > 1) throw refusal('tooMany', { text: 'tooManyField' });
  if (submission.file && submission.file.bytes.length) {
    const { bytes } = submission.file;
    if (bytes.length > MAX_FILE) throw refusal('fileOver5Mb', { file: 'tooLarge' });
    const kind = sniffImage(bytes);
    if (kind) return { format: kind, input: bytes, original: bytes };
    const text = Buffer.from(bytes).toString('utf8');
    try {
      return readText(text);
    } catch {
      throw refusal('unrecognisedFile', { file: 'unrecognisedFileField' });
    }
  }
  if (submission.url?.trim()) return readUrl(deps, submission.url.trim());
  return readText(submission.text!);
}
