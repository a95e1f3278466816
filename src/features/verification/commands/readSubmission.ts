import { ownOb2Document } from '../../ob2export/index.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Config } from '../../../config.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import type { ImportedStatus } from '../../../storage/schema.ts';
import { sniffImage } from '../../../credentials/baking/index.ts';
import { verifyWithCairn } from './verifyCredential.ts';
import { ob2ProvidedDocuments } from '../../../credentials/ob2.ts';

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

type Deps = { db: Queryable; config: Config; services: CredentialServices; now: Date };

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
  const row = await db
    .selectFrom('credentials as cr')
    .leftJoin('credential_privacy as p', 'p.credential_id', 'cr.id')
    .select(['cr.document', 'p.private'])
    .where('cr.public_id', '=', m[1]!)
    .executeTakeFirst();
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
 * Reads what a person submitted (pasted JSON or JWS, a baked PNG/SVG or JSON file, or a URL) into a
 * verifier input. URLs of this site are read locally; other URLs go through the SSRF-safe fetcher,
 * and only when fetching foreign documents is switched on.
 */
export async function readSubmission(deps: Deps, submission: Submission): Promise<ReadSubmission> {
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
  if (submission.url?.trim()) {
    let url: URL;
    try {
      url = new URL(submission.url.trim());
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
    let fetched: unknown;
    try {
      fetched = await deps.services.remote.fetchJson(url.toString());
    } catch (err) {
      throw new AppError(
        'validation_failed',
        `Could not fetch a credential from that address: ${(err as Error).message}.`,
        { url: 'Could not fetch it.' },
      );
    }
    if (!fetched || typeof fetched !== 'object' || Array.isArray(fetched))
      throw new AppError('validation_failed', 'That address did not return a credential.', {
        url: 'Not a credential.',
      });
    const text = JSON.stringify(fetched);
    return {
      format: 'url',
      input: fetched as Record<string, unknown>,
      original: text,
      sourceUrl: url.toString(),
    };
  }
  return readText(submission.text!);
}

/** Reads and verifies a submission; every check of the report is there to show in plain words. */
export async function verifySubmission(
  deps: Deps,
  submission: Submission,
): Promise<{ read: ReadSubmission; report: VerificationReport }> {
  const read = await readSubmission(deps, submission);
  let ob2Documents: Map<string, Record<string, unknown>> | undefined;
  if (submission.issuerKey?.trim()) {
    try {
      ob2Documents = ob2ProvidedDocuments(JSON.parse(submission.issuerKey) as unknown);
    } catch (err) {
      throw new AppError(
        'validation_failed',
        `The issuer key document cannot be used: ${(err as Error).message}.`,
        { issuerKey: 'An Open Badges 2.0 CryptographicKey or Issuer profile, as JSON.' },
      );
    }
  }
  const report = await verifyWithCairn(read.input, {
    db: deps.db,
    config: deps.config,
    services: deps.services,
    now: deps.now,
    ob2Documents,
  });
  return { read, report };
}

const CHECK_WORDS: Record<string, { ok: string; title: string }> = {
  parse: { title: 'Readable', ok: 'The credential could be read.' },
  data_model: { title: 'Verifiable credential', ok: 'It follows the W3C Verifiable Credentials data model.' },
  schema: {
    title: 'Official format',
    ok: 'It follows the official schema of its kind (Open Badges 3.0 or CLR 2.0).',
  },
  ob3_fields: { title: 'Required fields', ok: 'Every field a badge needs is there.' },
  issuer_key: { title: 'Issuer’s key', ok: 'The signing key was found and belongs to the issuer.' },
  proof: { title: 'Signature', ok: 'The signature matches: nothing was changed since it was issued.' },
  validity_window: { title: 'Dates', ok: 'It is within its valid dates.' },
  status: { title: 'Status', ok: 'The issuer has not revoked or suspended it.' },
  embedded: { title: 'Credentials inside', ok: 'Every credential the transcript carries verifies too.' },
};

/** A check in plain words, for pages. */
export function explainCheck(check: { id: string; ok: boolean; message?: string }): {
  title: string;
  text: string;
} {
  const words = CHECK_WORDS[check.id] ?? { title: check.id, ok: 'Passed.' };
  // A passing check may still tell something (a status message, a self-asserted credential).
  return {
    title: words.title,
    text: check.ok
      ? check.message && check.id !== 'parse'
        ? `${words.ok} ${check.message}`
        : words.ok
      : (check.message ?? 'Failed.'),
  };
}

/**
 * What a verification says, in one word, and why when it failed: a credential whose signature,
 * key or format fails is not valid, whatever its status list says.
 */
export function reportStatus(report: VerificationReport): { status: ImportedStatus; reason: string | null } {
  if (report.verified) return { status: 'valid', reason: null };
  const failed = report.checks.filter((c) => !c.ok);
  const reason = failed.map((c) => c.message ?? c.code ?? c.id).join(' ');
  if (failed.some((c) => c.id !== 'status' && c.id !== 'validity_window'))
    return { status: 'failed', reason };
  if (failed.some((c) => c.code === 'revoked')) return { status: 'revoked', reason };
  if (failed.some((c) => c.code === 'suspended')) return { status: 'suspended', reason };
  if (failed.some((c) => c.code === 'expired')) return { status: 'expired', reason };
  return { status: 'failed', reason };
}

const VERDICT: Record<ImportedStatus, 'Valid' | 'Revoked' | 'Suspended' | 'Expired' | 'Not verified'> = {
  valid: 'Valid',
  revoked: 'Revoked',
  suspended: 'Suspended',
  expired: 'Expired',
  failed: 'Not verified',
};

/** The one-word verdict of a report, for pages: valid, revoked, suspended, expired or not verified. */
export function verdictOf(
  report: VerificationReport,
): 'Valid' | 'Revoked' | 'Suspended' | 'Expired' | 'Not verified' {
  return VERDICT[reportStatus(report).status];
}
