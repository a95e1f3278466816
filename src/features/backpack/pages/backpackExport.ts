import { bakePng, bakeSvg } from '../../../credentials/baking/index.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { ZipEntry } from '../../../web/zip.ts';
import { defaultBadgeSvg, renderPng } from '../../../credentials/badgeImage.ts';
import { importedFile, slugOf } from '../importedFiles.ts';
import { issuedBadgeFiles } from '../paths.ts';
import { importedBadgesOf, importedOriginals, type ImportedBadgeSummary } from '../queries/importedBadges.ts';
import { credentialDocuments, issuedBadgesOf, type IssuedBadge } from '../queries/issuedBadges.ts';
import { DEFAULT_LOCALE, translator } from '../../../web/i18n/i18n.ts';
import { badgeName } from '../badgeDisplay.ts';

/** Badges whose files are read per query: a few queries for a large backpack, bounded memory for the stream. */
const BATCH = 50;

function* batches<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

async function* issuedEntries(
  db: Queryable,
  issued: IssuedBadge[],
  publicUrl: string,
  manifest: unknown[],
): AsyncGenerator<ZipEntry> {
  for (const batch of batches(issued)) {
    const docs = await credentialDocuments(
      db,
      batch.map((b) => b.id),
    );
    for (const b of batch) {
      const row = docs.get(b.id)!;
      const dir = `${slugOf(b.name)}-${b.publicId}`;
      const page = `${publicUrl}${issuedBadgeFiles(b.publicId).page}`;
      // The version's artwork, or the generated default for the names (as the badge page bakes).
      const svg = row.svg ?? defaultBadgeSvg(b.name, b.issuerName);
      const art = { png: row.png ?? renderPng(svg), svg };
      yield { name: `${dir}/credential.json`, data: row.document };
      if (row.jwt) yield { name: `${dir}/credential.jwt`, data: row.jwt };
      yield { name: `${dir}/baked.png`, data: bakePng(art.png, row.document) };
      yield { name: `${dir}/baked.svg`, data: bakeSvg(art.svg, row.document, { verifyUrl: page }) };
      const { publicId: id, name, issuerName: issuer, status, claim } = b;
      const issuedAt = b.issuedAt.toISOString();
      manifest.push({
        id,
        source: 'issued',
        name,
        issuer,
        issuedAt,
        status,
        claim,
        private: b.private,
        page,
        folder: dir,
      });
    }
  }
}

async function* importedEntries(
  db: Queryable,
  imported: ImportedBadgeSummary[],
  manifest: unknown[],
): AsyncGenerator<ZipEntry> {
  for (const batch of batches(imported)) {
    const originals = await importedOriginals(
      db,
      batch.map((b) => b.id),
    );
    for (const b of batch) {
      const row = originals.get(b.id)!;
      // The export speaks English from the catalogue where the badge names itself nowhere.
      const name = badgeName(translator(DEFAULT_LOCALE), b.name);
      const dir = `imported/${slugOf(name)}-${b.public_id}`;
      const file = importedFile(row);
      yield { name: `${dir}/${file.filename}`, data: file.body };
      yield { name: `${dir}/verification.json`, data: row.report };
      manifest.push({
        id: b.public_id,
        source: 'imported',
        format: b.format,
        sourceUrl: b.source_url,
        name,
        issuer: b.issuer_name,
        issuedOn: b.issued_on?.toISOString() ?? null,
        status: b.status,
        verified: b.verified,
        reason: b.failure_reason,
        checkedAt: b.checked_at.toISOString(),
        folder: dir,
      });
    }
  }
}

/** Everything the earner holds as one ZIP: each badge's credential, JWS, baked images, and a manifest. */
export async function* backpackExportEntries(
  db: Queryable,
  userId: number,
  now: Date,
  publicUrl: string,
): AsyncGenerator<ZipEntry> {
  const issued = (await issuedBadgesOf(db, userId, now)).filter((b) => b.claim !== 'declined');
  const imported = await importedBadgesOf(db, userId);
  const manifest: unknown[] = [];
  yield* issuedEntries(db, issued, publicUrl, manifest);
  yield* importedEntries(db, imported, manifest);
  yield {
    name: 'manifest.json',
    data: JSON.stringify({ exportedAt: now.toISOString(), from: publicUrl, badges: manifest }, null, 2),
  };
}
