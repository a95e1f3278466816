/**
 * What baking and reading badge images answer, in English. The engine imports nothing from the
 * web layer, so its words are kept here and the message catalogue takes them from this table
 * (`errors.files.baking.*`, with the Spanish beside the other Spanish). Plain `{name}` values
 * only, so these texts read the same here and through the catalogue.
 */
export const bakingMessages = {
  notPng: 'This file is not a PNG image.',
  endsInChunk: 'The PNG ends in the middle of a chunk.',
  chunkPastEnd: 'A PNG chunk runs past the end of the file.',
  wrongChecksum: 'A PNG chunk has a wrong checksum: the file is damaged.',
  tooManyChunks: 'The PNG has more than {max} chunks; no badge image has so many.',
  noHeaderOrEnd: 'The PNG lacks its IHDR or IEND chunk.',
  unreadableText:
    'A compressed text chunk of the PNG cannot be read, or is larger than {megabytes} MB once inflated.',
  notSvg: 'This file is not an SVG image (no <svg> root element).',
} as const;

export type BakingMessage = keyof typeof bakingMessages;
export type BakingValues = Record<string, string | number>;

/** The English text of a baking message, its values filled in. */
export const bakingText = (key: BakingMessage, values: BakingValues = {}): string =>
  bakingMessages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
