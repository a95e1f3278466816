import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { findOrganisationBySlug } from '../../../storage/organisations.ts';
import { ORGANISATION_PARTS, organisationRows } from '../../../storage/organisationData.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Organisation } from '../../../storage/schema.ts';
import type { ZipEntry } from '../../../web/zip.ts';
import { requireActor } from '../../accounts/index.ts';
import { organisationForExport } from '../queries/organisationExport.ts';

/** Rows per JSON file: a large table becomes several files, so only one page is ever in memory. */
export const ROWS_PER_FILE = 1000;

/** Who exports: a member with the right to change the organisation, or the server's operator (the CLI). */
export type ExportActor = Actor | { kind: 'operator' };

export interface OrganisationExport {
  organisation: Organisation;
  /** The ZIP's suggested file name, e.g. `cairn-union-2026-12-06.zip`. */
  fileName: string;
  /** The ZIP's files, read as they are taken (see organisationFiles). */
  files: AsyncGenerator<ZipEntry>;
}

/**
 * Starts an export of all of one organisation's data: checks who asks (an owner or admin, who
 * may change the organisation; or the operator at the command line), writes the audit entry, and
 * returns the files to stream. Reached by a POST from the organisation page, never a GET.
 */
export async function exportOrganisation(
  deps: CommandDeps,
  input: { actor: ExportActor; slug: string },
): Promise<OrganisationExport> {
  const { actor, slug } = input;
  const now = deps.clock.now();
  let organisation: Organisation;
  if ('kind' in actor) {
    const found = await findOrganisationBySlug(deps.db, slug);
    if (!found) throw notFound('organisation');
    organisation = found;
  } else {
    ({ organisation } = await requireActor(deps.db, slug, actor, 'organisation.update'));
  }
  await recordAudit(
    deps.db,
    {
      organisationId: organisation.id,
      actorUserId: 'kind' in actor ? null : actor.userId,
      action: 'organisation.exported',
      subjectType: 'organisation',
      subjectId: organisation.slug,
      ip: 'kind' in actor ? null : actor.ip,
    },
    now,
  );
  return {
    organisation,
    fileName: `cairn-${organisation.slug}-${now.toISOString().slice(0, 10)}.zip`,
    files: organisationFiles(deps.db, organisation, now),
  };
}

/**
 * All of one organisation's data as the files of a ZIP: `organisation.json`, then for each part
 * (designs, versions, credentials, applications, runs, members, programs, ledger, audit log …)
 * `<part>/0001.json`, `<part>/0002.json` … of up to ROWS_PER_FILE rows, and a `manifest.json`
 * with every file and row count. It is streamed, not built by a job: the ZIP is produced as the
 * reader takes it (zipStream pulls one entry at a time), so memory stays at one page however large
 * the organisation, nothing is left on disk to expire or leak, and the download starts at once.
 * Each page is read on its own, so a page is consistent but the whole is not one snapshot (for
 * that, there is `cairn backup`). Secrets (sealed keys, token hashes, webhook secrets) are left out.
 */
export async function* organisationFiles(
  db: Queryable,
  organisation: { id: number; slug: string },
  now: Date,
): AsyncGenerator<ZipEntry> {
  const org = await organisationForExport(db, organisation.id);
  yield { name: 'organisation.json', data: `${JSON.stringify(org, null, 2)}\n` };
  const manifest: Array<{ part: string; what: string; rows: number; files: string[] }> = [];
  for (const part of ORGANISATION_PARTS) {
    const entry = { part: part.file, what: part.what, rows: 0, files: [] as string[] };
    let after: unknown[] | null = null;
    for (let n = 1; ; n++) {
      const page = await organisationRows(db, part, organisation.id, after, ROWS_PER_FILE);
      if (!page.rows.length && n > 1) break;
      const name = `${part.file}/${String(n).padStart(4, '0')}.json`;
      entry.files.push(name);
      entry.rows += page.rows.length;
      yield { name, data: `${JSON.stringify(page.rows, null, 1)}\n` };
      if (page.rows.length < ROWS_PER_FILE) break;
      after = page.last;
    }
    manifest.push(entry);
  }
  yield {
    name: 'manifest.json',
    data: `${JSON.stringify({ exportedAt: now.toISOString(), organisation: org.slug, parts: manifest }, null, 2)}\n`,
  };
}
