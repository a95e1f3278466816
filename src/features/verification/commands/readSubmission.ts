import { ownOb2Document } from '../../ob2export/index.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Config } from '../../../config.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import { sniffImage } from '../../../credentials/baking/index.ts';
import type { FetchedCredential } from '../../../credentials/resolve/safeFetch.ts';
import { badgeDocument } from '../queries.ts';

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
      throw new AppError('validation_failed', `That is not valid JSON: ${(err as Error).message}.`, {
        text: 'Paste the whole credential, from { to }.',
      });
    }
  }
  throw new AppError(
    'validation_failed',
    'Paste a credential as JSON (starting with {) or as a compact JWS (three parts separated by dots).',
    { text: 'Not JSON and not a JWS.' },
  );
}

/** A credential served by this Cairn (its badge page or download URLs) is read from the database: no network. */
async function ownCredential(db: Queryable, config: Config, url: URL): Promise<string | null> {
  const own = new URL(config.publicUrl);
  if (url.origin !== own.origin) return null;
  const m = /^\/badges\/([A-Za-z0-9_]+)(?:\/credential\.json)?\/?$/.exec(url.pathname);
  if (!m) return ownOb2Assertion(db, config, url);
  const row = await badgeDocument(db, m[1]!);
  if (!row)
    throw new AppError('validation_failed', 'No badge of this site has that address.', {
      url: 'Check the address.',
    });
  // A badge its earner made private is checked only when the credential itself is presented.
  if (row.private === true)
    throw new AppError(
      'validation_failed',
      'That badge is private: its page says only whether it is valid. To check its details, ask its earner for the credential itself.',
      { url: 'A private badge.' },
    );
  return row.document;
}

/** An OB 2.0 hosted assertion of this site (features/ob2export), read from the database. */
async function ownOb2Assertion(db: Queryable, config: Config, url: URL): Promise<string | null> {
  if (!url.pathname.startsWith('/ob2/assertions/')) return null;
  try {
    const doc = await ownOb2Document(db, config, `${config.publicUrl}${url.pathname.replace(/\/$/, '')}`);
    return doc ? JSON.stringify(doc) : null;
  } catch (err) {
    throw new AppError('validation_failed', `${(err as Error).message}.`, { url: 'Check the address.' });
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
    throw new AppError('validation_failed', 'That is not a web address.', {
      url: 'Use a full address starting with https://.',
    });
  }
  const own = await ownCredential(deps.db, deps.config, url);
  if (own) return { format: 'url', input: own, original: own, sourceUrl: url.toString() };
  // http is refused by the SSRF-safe fetcher itself (only tests let it reach a loopback server).
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('validation_failed', 'Only https addresses can be fetched.', {
      url: 'Use an address starting with https://.',
    });
  if (!deps.services.remote)
    throw new AppError(
      'validation_failed',
      'This server does not fetch credentials from other sites; download the credential and upload or paste it instead.',
      { url: 'Fetching other sites is switched off here.' },
    );
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
    throw new AppError(
      'validation_failed',
      `Could not fetch a credential from that address: ${(err as Error).message}.`,
      { url: 'Could not fetch it.' },
    );
  }
  // A compact JWS (VC-JWT) is kept and verified exactly as it was served, like a pasted one.
  if (fetched.kind === 'jws')
    return { format: 'jws', input: fetched.text, original: fetched.text, sourceUrl: url.toString() };
  const { value } = fetched;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new AppError('validation_failed', 'That address did not return a credential.', {
      url: 'Not a credential.',
    });
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
  if (given.length === 0)
    throw new AppError('validation_failed', 'Paste a credential, choose a badge image or give a URL.', {
      text: 'Give one of the three.',
    });
  if (given.length > 1)
    throw new AppError('validation_failed', 'Give just one thing to verify: pasted text, a file or a URL.', {
      text: 'Only one, please.',
    });
  if (submission.file && submission.file.bytes.length) {
    const { bytes } = submission.file;
    if (bytes.length > MAX_FILE)
      throw new AppError(
        'validation_failed',
        'That file is larger than 5 MB; a badge image is much smaller.',
        { file: 'Too large.' },
      );
    const kind = sniffImage(bytes);
    if (kind) return { format: kind, input: bytes, original: bytes };
    const text = Buffer.from(bytes).toString('utf8');
    try {
      return readText(text);
    } catch {
      throw new AppError(
        'validation_failed',
        'That file is neither a badge image (PNG or SVG) nor a credential (JSON or JWS).',
        { file: 'Unrecognised file.' },
      );
    }
  }
  if (submission.url?.trim()) return readUrl(deps, submission.url.trim());
  return readText(submission.text!);
}
