import { createHash } from 'node:crypto';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { extractFromPng, extractFromSvg } from '../../../credentials/baking/index.ts';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import type { ImportedStatus } from '../../../storage/schema.ts';
import { statusesOf, type CredentialStatus } from '../../issuing/index.ts';
import { verifyWithCairn } from '../../verification/index.ts';
import { containsNul } from '../../../credentials/budget.ts';
import {
  readSubmission,
  reportStatus,
  type Submission,
  type SubmissionFormat,
} from '../../verification/index.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

export type BackpackDeps = CommandDeps & { credentials: CredentialServices };
export type BadgeStatus = CredentialStatus;
export type ClaimState = 'pending' | 'accepted' | 'declined';
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A badge Cairn issued to the earner (to one of their confirmed addresses, or claimed by them). */
export interface IssuedBadge {
  id: number;
  publicId: string;
  name: string;
  issuerName: string;
  issuedAt: Date;
  validUntil: Date | null;
  status: BadgeStatus;
  /** The claim's state; null when the credential has no claim (issued before claiming existed). */
  claim: ClaimState | null;
  private: boolean;
  /** The public page says "Issued to <name>" (the default). */
  showName: boolean;
  hasJwt: boolean;
  recipientEmail: string | null;
}

/** Import limits: a pasted credential or uploaded badge image. */
export const MAX_IMPORT_BYTES = 900 * 1024;

async function confirmedEmails(db: Queryable, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('user_emails')
    .select('email')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .execute();
  return rows.map((r) => r.email);
}

/**
 * The badges Cairn issued to this earner: sent to one of their confirmed addresses (unless
 * someone else claimed it) or claimed by them; newest first, with status, claim and privacy.
 */
export async function issuedBadgesOf(
  db: Queryable,
  userId: number,
  now: Date,
  only: { credentialIds?: number[]; publicId?: string } = {},
): Promise<IssuedBadge[]> {
  if (only.credentialIds && only.credentialIds.length === 0) return [];
  const emails = await confirmedEmails(db, userId);
  // Each credential with its claim (credential_claims, see claimCredential.ts), in one query.
  const rows = await db
    .selectFrom('credentials as cr')
    .innerJoin('organisations as o', 'o.id', 'cr.organisation_id')
    .leftJoin('credential_privacy as p', 'p.credential_id', 'cr.id')
    .leftJoin('credential_claims as cl', 'cl.credential_id', 'cr.id')
    .select([
      'cr.id',
      'cr.public_id',
      'cr.achievement_name',
      'cr.issued_at',
      'cr.valid_until',
      'cr.jwt',
      'cr.recipient_email',
      'o.name as org_name',
      'p.private',
      'p.show_name',
      'cl.state as claim_state',
      'cl.user_id as claim_user_id',
    ])
    .where((eb) => {
      const ors = [eb('cl.user_id', '=', userId)];
      // Addresses are stored normalised (lower case) on both sides, so the recipient index is used.
      if (emails.length) ors.push(eb('cr.recipient_email', 'in', emails));
      return eb.or(ors);
    })
    // Callers that want some badges (one page, one collection) ask the database for just those.
    .$if(only.credentialIds !== undefined, (q) => q.where('cr.id', 'in', only.credentialIds!))
    .$if(only.publicId !== undefined, (q) => q.where('cr.public_id', '=', only.publicId!))
    .orderBy('cr.issued_at', 'desc')
    .orderBy('cr.id', 'desc')
    .execute();
  // Accepted by another account (which also had the address confirmed): theirs, not mine.
  const mine = rows.filter(
    (r) => !(r.claim_state === 'accepted' && r.claim_user_id !== null && r.claim_user_id !== userId),
  );
  const statuses = await statusesOf(db, mine, now);
  return mine.map((r) => ({
    id: r.id,
    publicId: r.public_id,
    name: r.achievement_name,
    issuerName: r.org_name,
    issuedAt: r.issued_at,
    validUntil: r.valid_until,
    status: statuses.get(r.id) ?? 'valid',
    claim: r.claim_state ?? null,
    private: r.private === true,
    showName: r.show_name !== false,
    hasJwt: r.jwt !== null,
    recipientEmail: r.recipient_email,
  }));
}

/** One issued badge the earner holds (not declined), or not_found. */
export async function ownIssuedBadge(
  db: Queryable,
  userId: number,
  credentialPublicId: string,
  now: Date,
): Promise<IssuedBadge> {
  const badge = (await issuedBadgesOf(db, userId, now, { publicId: credentialPublicId })).find(
    (b) => b.claim !== 'declined',
  );
  if (!badge) throw notFound('That badge');
  return badge;
}

/** The earner makes the public page of a badge issued to them private, or public again. */
export async function setBadgePrivacy(
  deps: CommandDeps,
  actor: Actor,
  credentialPublicId: string,
  makePrivate: boolean,
): Promise<void> {
  const now = deps.clock.now();
  const badge = await ownIssuedBadge(deps.db, actor.userId, credentialPublicId, now);
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insertInto('credential_privacy')
      .values({ credential_id: badge.id, user_id: actor.userId, private: makePrivate, updated_at: now })
      .onConflict((oc) =>
        oc
          .column('credential_id')
          .doUpdateSet({ user_id: actor.userId, private: makePrivate, updated_at: now }),
      )
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: makePrivate ? 'badge.made_private' : 'badge.made_public',
        subjectType: 'credential',
        subjectId: badge.publicId,
        ip: actor.ip,
      },
      now,
    );
  });
}

/** Whether the badge's public page names its holder ("Issued to <name>"); shown unless the earner hides it. */
export async function setBadgeNameShown(
  deps: CommandDeps,
  actor: Actor,
  credentialPublicId: string,
  show: boolean,
): Promise<void> {
  const now = deps.clock.now();
  const badge = await ownIssuedBadge(deps.db, actor.userId, credentialPublicId, now);
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insertInto('credential_privacy')
      .values({
        credential_id: badge.id,
        user_id: actor.userId,
        private: false,
        show_name: show,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('credential_id').doUpdateSet({ user_id: actor.userId, show_name: show, updated_at: now }),
      )
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: show ? 'badge.name_shown' : 'badge.name_hidden',
        subjectType: 'credential',
        subjectId: badge.publicId,
        ip: actor.ip,
      },
      now,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Import

/** What the earner gives: pasted text, an uploaded file or a URL, as on /verify. */
export type ImportInput = Submission;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const dateOf = (v: unknown): Date | null => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? null : new Date(t);
};
const imageOf = (v: unknown): string | null => {
  const url = str(v) ?? (isObject(v) ? str(v.id) : null);
  // Only inline images are shown (the page policy allows no third-party images); kept small.
  return url && url.startsWith('data:image/') && url.length < 200_000 ? url : null;
};

/** Name, issuer, image and date to list a foreign badge by (OB 3.0 credential or OB 2.0 assertion). */
export function displayFields(credential: Json | undefined): {
  name: string;
  issuerName: string | null;
  image: string | null;
  issuedOn: Date | null;
} {
  if (!credential) return { name: 'Unreadable badge', issuerName: null, image: null, issuedOn: null };
  if (credential.type === 'Assertion' || credential.badge !== undefined) {
    const badge = isObject(credential.badge) ? credential.badge : null;
    const issuer = badge && isObject(badge.issuer) ? badge.issuer : null;
    const host =
      typeof credential.id === 'string' && /^https?:/.test(credential.id)
        ? new URL(credential.id).host
        : null;
    return {
      name: str(badge?.name) ?? 'Open Badges 2.0 badge',
      issuerName: str(issuer?.name) ?? host,
      image: imageOf(credential.image) ?? imageOf(badge?.image),
      issuedOn: dateOf(credential.issuedOn),
    };
  }
  const subject = [credential.credentialSubject].flat().find(isObject);
  const achievement = subject && isObject(subject.achievement) ? subject.achievement : null;
  const issuer = credential.issuer;
  return {
    name: str(achievement?.name) ?? str(credential.name) ?? 'Untitled credential',
    issuerName: isObject(issuer) ? (str(issuer.name) ?? str(issuer.id)) : str(issuer),
    image: imageOf(achievement?.image) ?? imageOf(credential.image),
    issuedOn:
      dateOf(credential.validFrom) ?? dateOf(credential.issuanceDate) ?? dateOf(credential.awardedDate),
  };
}

/**
 * Reads what the earner gave (with readSubmission, the reader of /verify) into the form kept
 * verbatim: text for JSON, JWS, SVG and URL imports, bytes for PNG. A baked image must carry a
 * badge, and the backpack keeps at most MAX_IMPORT_BYTES.
 */
async function readImport(
  deps: BackpackDeps,
  input: ImportInput,
): Promise<{
  format: SubmissionFormat;
  text: string | null;
  bytes: Uint8Array | null;
  sourceUrl: string | null;
}> {
  if (input.file && input.file.bytes.length > MAX_IMPORT_BYTES)
    throw new AppError('validation_failed', 'That file is too large for a badge (900 KB at most).', {
      file: 'Too large.',
    });
  if (input.text && Buffer.byteLength(input.text.trim()) > MAX_IMPORT_BYTES)
    throw new AppError('validation_failed', 'That text is too long for a badge (900 KB at most).', {
      text: 'Too long.',
    });
  const read = await readSubmission(
    { db: deps.db, config: deps.config, services: deps.credentials, now: deps.clock.now() },
    input,
  );
  const field = input.file?.bytes.length ? 'file' : 'text';
  if (read.format === 'png') {
    const bytes = read.original as Uint8Array;
    let baked;
    try {
      baked = extractFromPng(bytes);
    } catch (err) {
      throw new AppError('validation_failed', `That PNG cannot be read: ${(err as Error).message}`, {
        file: 'Damaged PNG.',
      });
    }
    if (!baked)
      throw new AppError(
        'validation_failed',
        'That PNG image carries no badge. Upload the “baked” image your issuer gave you, or paste the credential.',
        { file: 'No badge in this image.' },
      );
    return { format: 'png', text: null, bytes, sourceUrl: null };
  }
  const text =
    typeof read.original === 'string'
      ? read.original
      : Buffer.from(read.original)
          .toString('utf8')
          .replace(/^\uFEFF/, '');
  let bakedSvg: ReturnType<typeof extractFromSvg> = null;
  if (read.format === 'svg') {
    try {
      bakedSvg = extractFromSvg(text);
    } catch (err) {
      throw new AppError('validation_failed', `That SVG cannot be read: ${(err as Error).message}`, {
        [field]: 'Damaged SVG.',
      });
    }
  }
  if (read.format === 'svg' && !bakedSvg) {
    throw new AppError(
      'validation_failed',
      'That SVG image carries no badge. Upload the “baked” image your issuer gave you, or paste the credential.',
      { [field]: 'No badge in this image.' },
    );
  }
  return { format: read.format, text, bytes: null, sourceUrl: read.sourceUrl ?? null };
}

async function verifyStored(
  deps: BackpackDeps,
  stored: { text: string | null; bytes: Uint8Array | null; format: string },
): Promise<VerificationReport> {
  const input =
    stored.format === 'png'
      ? stored.bytes!
      : stored.format === 'svg'
        ? new Uint8Array(Buffer.from(stored.text!, 'utf8'))
        : stored.text!;
  return verifyWithCairn(input, {
    db: deps.db,
    config: deps.config,
    services: deps.credentials,
    now: deps.clock.now(),
    remote: deps.credentials.remote,
  });
}

const reportText = (report: VerificationReport) =>
  JSON.stringify({ verified: report.verified, format: report.format, checks: report.checks });

/**
 * Imports a badge from elsewhere (OB 3.0 or OB 2.0; JSON, compact JWS, baked PNG/SVG, or a URL),
 * verifies it with Cairn's verifier and keeps it exactly as given with the verdict. What cannot
 * be read as a badge at all is refused and nothing is stored.
 */
export async function importBadge(
  deps: BackpackDeps,
  actor: Actor,
  input: ImportInput,
): Promise<{ publicId: string; status: ImportedStatus; reason: string | null }> {
  const read = await readImport(deps, input);
  const report = await verifyStored(deps, read);
  const parse = report.checks.find((c) => c.id === 'parse');
  if (!parse?.ok) {
    throw new AppError(
      'validation_failed',
      `That cannot be read as a badge: ${parse?.message ?? 'unknown format'}.`,
      { [input.file?.bytes.length ? 'file' : input.url?.trim() ? 'url' : 'text']: 'Not a readable badge.' },
    );
  }
  // PostgreSQL text cannot hold a NUL character: a badge with one anywhere is refused, clearly,
  // before anything is stored (its verdict is on /verify for anyone who wants it).
  if (
    containsNul([
      read.text,
      read.sourceUrl,
      report.credential ?? null,
      report.checks.map((c) => c.message ?? ''),
    ])
  ) {
    throw new AppError(
      'validation_failed',
      'That badge contains a NUL character (\\u0000), which a backpack cannot keep. Nothing was imported; check it on the Verify page instead.',
      {
        [input.file?.bytes.length ? 'file' : input.url?.trim() ? 'url' : 'text']: 'Contains a NUL character.',
      },
    );
  }
  const sha256 = createHash('sha256')
    .update(read.bytes ?? Buffer.from(read.text ?? '', 'utf8'))
    .digest('hex');
  const existing = await deps.db
    .selectFrom('imported_credentials')
    .select('public_id')
    .where('user_id', '=', actor.userId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (existing) throw conflict('This badge is already in your backpack.');
  const { status, reason } = reportStatus(report);
  const display = displayFields(report.credential);
  const now = deps.clock.now();
  const id = publicId('imp');
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insertInto('imported_credentials')
      .values({
        public_id: id,
        user_id: actor.userId,
        format: read.format,
        source_url: read.sourceUrl,
        original_text: read.text,
        original_bytes: read.bytes,
        sha256,
        verified: report.verified,
        status,
        failure_reason: reason,
        report: reportText(report),
        checked_at: now,
        name: display.name.slice(0, 300),
        issuer_name: display.issuerName?.slice(0, 300) ?? null,
        image_url: display.image,
        issued_on: display.issuedOn,
        created_at: now,
      })
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'badge.imported',
        subjectType: 'imported_credential',
        subjectId: id,
        data: { format: read.format, status },
        ip: actor.ip,
      },
      now,
    );
  });
  return { publicId: id, status, reason };
}

/** One imported badge of this earner, or not_found (also for everyone else's). */
export async function ownImportedBadge(db: Queryable, userId: number, importedPublicId: string) {
  const row = await db
    .selectFrom('imported_credentials')
    .selectAll()
    .where('public_id', '=', importedPublicId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('That badge');
  return row;
}

/** Checks an imported badge again (status lists and keys change) and keeps the new verdict. */
export async function reverifyImported(
  deps: BackpackDeps,
  actor: Actor,
  importedPublicId: string,
): Promise<{ status: ImportedStatus; reason: string | null }> {
  const row = await ownImportedBadge(deps.db, actor.userId, importedPublicId);
  const report = await verifyStored(deps, {
    text: row.original_text,
    bytes: row.original_bytes,
    format: row.format,
  });
  const { status, reason } = reportStatus(report);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await tx
      .updateTable('imported_credentials')
      .set({
        verified: report.verified,
        status,
        failure_reason: reason,
        report: reportText(report),
        checked_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'badge.reverified',
        subjectType: 'imported_credential',
        subjectId: row.public_id,
        data: { status },
        ip: actor.ip,
      },
      now,
    );
  });
  return { status, reason };
}

/** Removes an imported badge from the backpack (and from every collection). */
export async function removeImported(
  deps: CommandDeps,
  actor: Actor,
  importedPublicId: string,
): Promise<void> {
  const row = await ownImportedBadge(deps.db, actor.userId, importedPublicId);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await tx.deleteFrom('imported_credentials').where('id', '=', row.id).execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'badge.import_removed',
        subjectType: 'imported_credential',
        subjectId: row.public_id,
        ip: actor.ip,
      },
      now,
    );
  });
}

/** The earner's imported badges, newest first (without the stored originals). */
export async function importedBadgesOf(db: Queryable, userId: number) {
  const rows = await db
    .selectFrom('imported_credentials')
    .select([
      'id',
      'public_id',
      'format',
      'source_url',
      'verified',
      'status',
      'failure_reason',
      'checked_at',
      'name',
      'issuer_name',
      'image_url',
      'issued_on',
      'created_at',
      'report',
    ])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(({ report, ...r }) => ({
    ...r,
    report_format: (JSON.parse(report) as { format?: string }).format ?? 'unknown',
  }));
}

/** The file an imported badge is downloaded as: the original, exactly as imported. */
export function importedFile(row: {
  format: string;
  original_text: string | null;
  original_bytes: Uint8Array | null;
}): { filename: string; contentType: string; body: Uint8Array | string } {
  switch (row.format) {
    case 'png':
      return { filename: 'baked.png', contentType: 'image/png', body: row.original_bytes! };
    case 'svg':
      return { filename: 'baked.svg', contentType: 'image/svg+xml', body: row.original_text! };
    case 'jws':
      return { filename: 'credential.jwt', contentType: 'application/jwt', body: row.original_text! };
    default:
      return { filename: 'credential.json', contentType: 'application/json', body: row.original_text! };
  }
}
