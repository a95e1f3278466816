import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** One file of a ZIP archive. */
export interface ZipEntry {
  /** Path inside the archive, with forward slashes (UTF-8). */
  name: string;
  data: Uint8Array | string;
  modified?: Date;
}

/** A relative path without `..` or empty parts; backslashes become slashes, leading slashes are dropped. */
function safeName(name: string): string {
  const clean = name.replace(/\\/g, '/').replace(/^\/+/, '');
  if (!clean || /^[a-zA-Z]:/.test(clean) || clean.split('/').some((part) => part === '..' || part === ''))
    throw new Error(`Not a safe file name for a ZIP: ${name}`);
  return clean;
}

/** Entries this small are stored: deflate would not save anything. */
const STORE_BELOW = 64;

/**
 * Writes a ZIP archive (yazl: deflated or stored entries, UTF-8 names, ZIP64 when needed) as a
 * stream. Entries are taken from `entries` only as the archive is read: the next one is asked for
 * once yazl has started writing the previous one, and yazl writes with backpressure, so at most
 * two entries are in memory whatever the size of the archive. Cancelling the stream closes
 * `entries`.
 */
export function zipStream(
  entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>,
  options: { defaultDate?: Date } = {},
): ReadableStream<Uint8Array> {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  const chunks = output[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const names = new Set<string>();
  let current: Readable | null = null;
  let stopped = false;

  const feed = async () => {
    for await (const entry of entries) {
      if (stopped) return;
      const name = safeName(entry.name);
      if (names.has(name)) throw new Error(`Two files named ${name} in one ZIP`);
      names.add(name);
      const raw =
        typeof entry.data === 'string'
          ? Buffer.from(entry.data, 'utf8')
          : Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
      const source = Readable.from(raw.length ? [raw] : []);
      current = source;
      zip.addReadStream(source, name, {
        mtime: entry.modified ?? options.defaultDate ?? new Date(),
        compress: raw.length >= STORE_BELOW,
        size: raw.length,
      });
      // yazl reads an entry only when every earlier one is written: wait for that before the next.
      await finished(source);
      current = null;
    }
    if (!stopped) zip.end();
  };
  let feeding: Promise<void> | null = null;
  const stop = (err?: Error) => {
    stopped = true;
    current?.destroy();
    output.destroy(err);
  };

  zip.on('error', (err: Error) => stop(err));

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        feeding ??= feed().catch((err: unknown) => stop(err instanceof Error ? err : new Error(String(err))));
        const next = await chunks.next();
        if (next.done) controller.close();
        else
          controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
      async cancel() {
        stop();
        await feeding?.catch(() => undefined);
      },
    },
    // Nothing is read ahead of the reader.
    { highWaterMark: 0 },
  );
}

/** The whole archive in memory (for small archives and tests). */
export async function zipToBuffer(
  entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>,
  options: { defaultDate?: Date } = {},
): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = zipStream(entries, options).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return Buffer.concat(parts);
}
