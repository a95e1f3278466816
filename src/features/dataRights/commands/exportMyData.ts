import { z } from 'zod';
import type { Config } from '../../../config.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { forbidden } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { fileStoreFor } from '../../earning/index.ts';
import { issuedBadgesOf, importedFile } from '../../backpack/index.ts';
import type { ZipEntry } from '../../../web/zip.ts';
import {
  accountOf,
  applicationDetails,
  applicationsOf,
  collectionsOf,
  evidenceFileBytes,
  importsOf,
  membershipsOf,
  signedCredential,
  teamsOf,
} from '../queries/exportMyData.ts';
import { auditOf, licensesAndLedgerOf, mailTo } from '../queries/exportMyRecords.ts';
import { liveAccount } from '../queries/accounts.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const safe = (name: string) =>
  name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'file';

/** What every part of the export shares: where to read, whom, and the manifest being built. */
interface Export {
  db: Queryable;
  config: Config;
  userId: number;
  now: Date;
  files: Array<{ name: string; what: string; count?: number }>;
  entry: (name: string, what: string, value: unknown[] | Record<string, unknown>) => ZipEntry;
}

/** The account, its email addresses, memberships and teams. */
async function* accountPart(
  x: Export,
): AsyncGenerator<ZipEntry, { user: { public_id: string }; emails: Array<{ email: string }> }> {
  const { db, userId, entry } = x;
  const { user, emails } = await accountOf(db, userId);
  yield entry('account.json', 'your account and email addresses', {
    id: user.public_id,
    name: user.name,
    platformAdministrator: user.is_platform_admin,
    createdAt: user.created_at,
    updatedAt: user.updated_at,
    emails,
  });

  const memberships = await membershipsOf(db, userId);
  yield entry('organisations.json', 'organisations you belong to, and your roles', memberships);

  const teams = await teamsOf(db, userId);
  yield entry('teams.json', 'learning teams you belong to', teams);

  return { user, emails };
}

/** Applications with their evidence (files included), reviews and payments. */
async function* applicationsPart(x: Export): AsyncGenerator<ZipEntry, void> {
  const { db, config, userId, files, entry } = x;
  const applications = await applicationsOf(db, userId);
  const store = fileStoreFor(config);
  const out: unknown[] = [];
  const evidenceFiles: Array<{ id: number; name: string }> = [];
  for (const a of applications) {
    const { items, attempts, payments, files } = await applicationDetails(db, a.id);
    for (const f of files)
      evidenceFiles.push({ id: f.id, name: `evidence/${a.public_id}/${f.public_id}-${safe(f.filename)}` });
    out.push({
      id: a.public_id,
      microCredential: a.title,
      version: a.version,
      organisation: a.organisation,
      status: a.status,
      deadline: a.deadline_at,
      proofProgram: a.proof_program,
      createdAt: a.created_at,
      updatedAt: a.updated_at,
      passedAt: a.passed_at,
      evidence: items.map((i) => ({
        part: i.part_index,
        kind: i.kind,
        text: i.text_value,
        link: i.link_url,
        file: i.file_public_id
          ? { id: i.file_public_id, name: i.filename, type: i.content_type, size: i.size, sha256: i.sha256 }
          : null,
        updatedAt: i.updated_at,
      })),
      files: files.map((f) => ({
        id: f.public_id,
        name: f.filename,
        inThisZip: evidenceFiles.find((e) => e.id === f.id)?.name,
      })),
      // The reviews you received; the reviewer's identity is theirs, not yours.
      attempts: attempts.map((t) => ({
        number: t.number,
        evidence: t.evidence,
        submittedAt: t.submitted_at,
        decision: t.decision,
        scores: t.scores,
        feedback: t.feedback,
        overallFeedback: t.overall_feedback,
        reviewedAt: t.reviewed_at,
      })),
      payments,
    });
  }
  yield entry('applications.json', 'applications, evidence, the reviews you received and payments', out);
  for (const f of evidenceFiles) {
    const row = await evidenceFileBytes(db, f.id);
    files.push({ name: f.name, what: 'an evidence file you uploaded' });
    yield { name: f.name, data: row.bytes.length ? row.bytes : store.get(row) };
  }
}

/** Credentials issued to the person, the signed documents exactly as issued. */
async function* credentialsPart(x: Export): AsyncGenerator<ZipEntry, void> {
  const { db, config, userId, now, files, entry } = x;
  const badges = await issuedBadgesOf(db, userId, now);
  const credentials: unknown[] = [];
  for (const b of badges) {
    const row = await signedCredential(db, b.id);
    const name = `credentials/${b.publicId}.json`;
    files.push({ name, what: `the signed credential “${b.name}”, exactly as issued` });
    yield { name, data: row.document };
    if (row.jwt) {
      files.push({ name: `credentials/${b.publicId}.jwt`, what: 'the same credential as a VC-JWT' });
      yield { name: `credentials/${b.publicId}.jwt`, data: row.jwt };
    }
    credentials.push({
      id: b.publicId,
      name: b.name,
      issuer: b.issuerName,
      issuedAt: b.issuedAt,
      status: b.status,
      claim: b.claim,
      private: b.private,
      page: `${config.publicUrl}/badges/${b.publicId}`,
      document: name,
    });
  }
  yield entry('credentials.json', 'credentials issued to you', credentials);
}

/** Backpack imports, each as it was given. */
async function* importsPart(x: Export): AsyncGenerator<ZipEntry, void> {
  const { db, userId, files, entry } = x;
  const imports = await importsOf(db, userId);
  const importList: unknown[] = [];
  for (const i of imports) {
    const file = importedFile(i);
    const name = `imports/${i.public_id}-${safe(file.filename)}`;
    files.push({ name, what: `a badge you imported (“${i.name}”), as you gave it` });
    yield { name, data: file.body };
    importList.push({
      id: i.public_id,
      format: i.format,
      sourceUrl: i.source_url,
      name: i.name,
      issuer: i.issuer_name,
      issuedOn: i.issued_on,
      status: i.status,
      verified: i.verified,
      reason: i.failure_reason,
      checkedAt: i.checked_at,
      importedAt: i.created_at,
      original: name,
    });
  }
  yield entry('imports.json', 'badges you imported into your backpack', importList);
}

/** Backpack collections and their items. */
async function* collectionsPart(x: Export): AsyncGenerator<ZipEntry, void> {
  const { db, userId, entry } = x;
  const collectionList: unknown[] = [];
  for (const { items, ...c } of await collectionsOf(db, userId)) {
    collectionList.push({
      id: c.public_id,
      name: c.name,
      description: c.description,
      shared: c.shared,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      items,
    });
  }
  yield entry('collections.json', 'your backpack collections', collectionList);
}

/** Linked licenses and the credit ledger posted to them. */
async function* licensesPart(x: Export): AsyncGenerator<ZipEntry, void> {
  const { db, userId, entry } = x;
  const { licenses, ledger: entries } = await licensesAndLedgerOf(db, userId);
  yield entry('licenses.json', 'licenses you linked and the credit posted to them', {
    licenses: licenses.map(({ id: _id, ...l }) => l),
    ledger: entries,
  });
}

/** Their own audit entries and the mail sent to their addresses. */
async function* activityPart(x: Export, addresses: string[]): AsyncGenerator<ZipEntry, void> {
  const { db, userId, entry } = x;
  const audit = await auditOf(db, userId);
  yield entry('activity.json', 'what you did, as recorded in the audit log', audit);

  const mail = await mailTo(db, addresses);
  yield entry(
    'mail.json',
    'email Cairn sent or queued to your addresses (subjects only: bodies held one-time links)',
    mail,
  );
}

/** The files of the export, one at a time (see exportMyData). */
async function* exportStream(
  db: Queryable,
  config: Config,
  userId: number,
  now: Date,
): AsyncGenerator<ZipEntry> {
  const files: Array<{ name: string; what: string; count?: number }> = [];
  const entry = (name: string, what: string, value: unknown[] | Record<string, unknown>): ZipEntry => {
    files.push({ name, what, ...(Array.isArray(value) ? { count: value.length } : {}) });
    return { name, data: json(value) };
  };
  const x: Export = { db, config, userId, now, files, entry };
  const { user, emails } = yield* accountPart(x);
  yield* applicationsPart(x);
  yield* credentialsPart(x);
  yield* importsPart(x);
  yield* collectionsPart(x);
  yield* licensesPart(x);
  yield* activityPart(
    x,
    emails.map((e) => e.email),
  );
  yield {
    name: 'manifest.json',
    data: json({ exportedAt: now.toISOString(), from: config.publicUrl, account: user.public_id, files }),
  };
}

export const exportMyDataInput = z.object({
  /** The account to export, by public id; when given, it must be the actor's own. */
  account: z.string().trim().optional(),
});

/**
 * Everything Cairn holds about one person, as the files of a ZIP (streamed: one file in memory
 * at a time): account and emails, organisation memberships, teams, applications with their
 * evidence (files included), the reviews they received and their payments, credentials issued to
 * them (the signed documents exactly as issued), backpack imports and collections, licenses and
 * ledger entries, their own audit entries and the mail sent to their addresses. A manifest lists
 * every file. Mail bodies are left out: they held one-time links (secrets), and sent ones are no
 * longer kept.
 *
 * An earner exports only their own account: the actor's, checked here (a deleted account has
 * nothing to export). Returns the files to stream; nothing is read before the check passes.
 */
export async function exportMyData(
  deps: CommandDeps,
  { actor, ...input }: { actor: Actor } & Record<string, unknown>,
): Promise<AsyncGenerator<ZipEntry>> {
  const { account } = parseInput(exportMyDataInput, input);
  const user = await liveAccount(deps.db, actor.userId);
  if (!user || (account !== undefined && account !== user.public_id))
    throw forbidden(commandMessage('errors.dataRights.ownDataOnly'));
  return exportStream(deps.db, deps.config, user.id, deps.clock.now());
}
