import type { Queryable } from '../../../storage/database.ts';
import { ORGANISATION_PARTS, organisationRows } from '../../../storage/organisationData.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { ZipEntry } from '../../../web/zip.ts';
import { organisationForExport } from '../queries/organisationExport.ts';

/** Rows per JSON file: a large table becomes several files, so only one page is ever in memory. */
export const ROWS_PER_FILE = 1000;

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
export async function* exportOrganisation(
  db: Queryable,
  organisation: { id: number; slug: string },
  actor: { userId: number | null; ip: string | null },
  now: Date,
): AsyncGenerator<ZipEntry> {
  await recordAudit(
    db,
    {
      organisationId: organisation.id,
      actorUserId: actor.userId,
      action: 'organisation.exported',
      subjectType: 'organisation',
      subjectId: organisation.slug,
      ip: actor.ip,
    },
    now,
  );
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
