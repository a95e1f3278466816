/** An imported badge's stored original, as files: pure, no database. */

/** The verifier's format of a stored report ('ob2', 'ldp', 'jwt'…), or 'unknown'. */
export function reportFormat(report: string): string {
  try {
    return (JSON.parse(report) as { format?: string }).format ?? 'unknown';
  } catch {
    return 'unknown';
  }
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

/** An OB 3.0 import kept as text (JSON or VC-JWT) can be baked; images already are, and OB 2.0 uses other keys. */
export function bakeable(row: { format: string; original_text: string | null; report: string }): boolean {
  return (
    ['json', 'jws', 'url'].includes(row.format) &&
    row.original_text !== null &&
    reportFormat(row.report) !== 'ob2'
  );
}

/** Whether the import is a badge image (shown as one). */
export const isImage = (format: string): boolean => format === 'png' || format === 'svg';

/** A short file-name-safe form of a badge's name. */
export const slugOf = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'badge';
