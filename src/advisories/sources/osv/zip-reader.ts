import type { FileHandle } from 'node:fs/promises';

/*
 * Reads a zip archive in place, through positioned reads: the central
 * directory a chunk at a time, and entries' stored bytes for a window of
 * entries at a time, so memory follows the window and not the archive.
 * ZIP64 directories and sizes are read; multi-disk archives are not.
 */

/** One entry of the central directory. */
export interface ZipEntry {
  /** Position in the central directory, from 0. */
  index: number;
  name: string;
  /** 0 stored, 8 deflated; others are refused by the caller. */
  compression: number;
  /** Bytes stored in the archive. */
  size: number;
  /** Bytes the entry declares it expands to. */
  originalSize: number;
  /** Where the entry's local header starts. */
  offset: number;
}

/** Where the central directory lies and how many entries it lists. */
export interface ZipDirectory {
  entries: number;
  offset: number;
  size: number;
}

/** The archive is not a zip, or its structure is broken. */
export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const EOCD_BYTES = 22;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const LOCAL_BYTES = 30;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const DIRECTORY_CHUNK = 1 << 20;
/** Room for a local header's name and extra field when reading spans. */
const HEADER_SLACK = 1024;
const SPAN_BYTES = 16 << 20;
const SPAN_GAP = 64 << 10;

async function readAt(
  handle: FileHandle,
  position: number,
  length: number,
): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(
      buffer,
      done,
      length - done,
      position + done,
    );
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

function uint64(buffer: Buffer, at: number): number {
  return Number(buffer.readBigUInt64LE(at));
}

/** Finds the end-of-directory record (and its ZIP64 twin when present). */
export async function readZipDirectory(
  handle: FileHandle,
  fileSize: number,
): Promise<ZipDirectory> {
  const tailBytes = Math.min(fileSize, EOCD_BYTES + MAX16 + 20);
  const tail = await readAt(handle, fileSize - tailBytes, tailBytes);
  let at = tail.length - EOCD_BYTES;
  const lowest = Math.max(0, tail.length - EOCD_BYTES - MAX16);
  while (at >= lowest && tail.readUInt32LE(at) !== EOCD) at -= 1;
  if (at < lowest) throw new ZipFormatError('no end of central directory');

  let directory: ZipDirectory = {
    entries: tail.readUInt16LE(at + 10),
    size: tail.readUInt32LE(at + 12),
    offset: tail.readUInt32LE(at + 16),
  };
  if (at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const record = await readAt(handle, uint64(tail, at - 12), 56);
    if (record.length === 56 && record.readUInt32LE(0) === ZIP64_EOCD)
      directory = {
        entries: uint64(record, 32),
        size: uint64(record, 40),
        offset: uint64(record, 48),
      };
  }
  if (directory.offset + directory.size > fileSize)
    throw new ZipFormatError('central directory lies past the end of file');
  return directory;
}

/** The ZIP64 extra field's values for the fields marked 0xFFFFFFFF. */
function applyZip64(extra: Buffer, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const end = field + length;
      for (const key of ['originalSize', 'size', 'offset'] as const) {
        if (entry[key] !== MAX32 || field + 8 > end) continue;
        entry[key] = uint64(extra, field);
        field += 8;
      }
      return;
    }
    at += 4 + length;
  }
}

/** The central directory, read a chunk at a time. */
class DirectoryCursor {
  private buffer = Buffer.alloc(0);
  private at = 0;
  private consumed = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly directory: ZipDirectory,
  ) {}

  /** Makes sure `need` bytes past the cursor are in memory. */
  async ensure(need: number): Promise<Buffer> {
    while (this.buffer.length - this.at < need) {
      const remaining = this.directory.size - this.consumed;
      const next =
        remaining > 0
          ? await readAt(
              this.handle,
              this.directory.offset + this.consumed,
              Math.min(Math.max(DIRECTORY_CHUNK, need), remaining),
            )
          : Buffer.alloc(0);
      if (next.length === 0)
        throw new ZipFormatError('central directory is truncated');
      this.consumed += next.length;
      this.buffer = Buffer.concat([this.buffer.subarray(this.at), next]);
      this.at = 0;
    }
    return this.buffer;
  }

  get position(): number {
    return this.at;
  }

  skip(bytes: number): void {
    this.at += bytes;
  }
}

/** Every entry of the central directory, in its order. */
export async function* readZipEntries(
  handle: FileHandle,
  directory: ZipDirectory,
): AsyncGenerator<ZipEntry> {
  const cursor = new DirectoryCursor(handle, directory);
  for (let index = 0; index < directory.entries; index += 1) {
    let buffer = await cursor.ensure(46);
    let at = cursor.position;
    if (buffer.readUInt32LE(at) !== CENTRAL)
      throw new ZipFormatError(`central directory entry ${index} is broken`);
    const nameBytes = buffer.readUInt16LE(at + 28);
    const extraBytes = buffer.readUInt16LE(at + 30);
    const length = 46 + nameBytes + extraBytes + buffer.readUInt16LE(at + 32);
    buffer = await cursor.ensure(length);
    at = cursor.position;

    const utf8 = (buffer.readUInt16LE(at + 8) & 0x800) !== 0;
    const entry: ZipEntry = {
      index,
      name: buffer.toString(
        utf8 ? 'utf8' : 'latin1',
        at + 46,
        at + 46 + nameBytes,
      ),
      compression: buffer.readUInt16LE(at + 10),
      size: buffer.readUInt32LE(at + 20),
      originalSize: buffer.readUInt32LE(at + 24),
      offset: buffer.readUInt32LE(at + 42),
    };
    const extraAt = at + 46 + nameBytes;
    applyZip64(buffer.subarray(extraAt, extraAt + extraBytes), entry);
    cursor.skip(length);
    yield entry;
  }
}

/** Reads one entry's stored bytes on their own. */
async function readOne(handle: FileHandle, entry: ZipEntry): Promise<Buffer> {
  const header = await readAt(handle, entry.offset, LOCAL_BYTES);
  if (header.length < LOCAL_BYTES || header.readUInt32LE(0) !== LOCAL)
    throw new ZipFormatError(`local header of ${entry.name} is broken`);
  const start =
    entry.offset +
    LOCAL_BYTES +
    header.readUInt16LE(26) +
    header.readUInt16LE(28);
  const data = await readAt(handle, start, entry.size);
  if (data.length < entry.size)
    throw new ZipFormatError(`data of ${entry.name} is truncated`);
  return data;
}

/** The entry's stored bytes within a span read from `base`, if all there. */
function sliceFromSpan(
  span: Buffer,
  base: number,
  entry: ZipEntry,
): Buffer | undefined {
  const at = entry.offset - base;
  if (at + LOCAL_BYTES > span.length) return undefined;
  if (span.readUInt32LE(at) !== LOCAL)
    throw new ZipFormatError(`local header of ${entry.name} is broken`);
  const start =
    at + LOCAL_BYTES + span.readUInt16LE(at + 26) + span.readUInt16LE(at + 28);
  return start + entry.size <= span.length
    ? span.subarray(start, start + entry.size)
    : undefined;
}

/** A stretch of the file read at once, holding several entries. */
interface Span {
  entries: ZipEntry[];
  start: number;
  end: number;
}

/** Entries sorted by position, cut where a gap or the span size says. */
function planSpans(entries: readonly ZipEntry[]): Span[] {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  const spans: Span[] = [];
  let current: Span | undefined;
  for (const entry of sorted) {
    const end = entry.offset + LOCAL_BYTES + HEADER_SLACK + entry.size;
    const fits =
      current !== undefined &&
      entry.offset - current.end <= SPAN_GAP &&
      end - current.start <= SPAN_BYTES;
    if (!current || !fits) {
      current = { entries: [], start: entry.offset, end };
      spans.push(current);
    }
    current.entries.push(entry);
    current.end = Math.max(current.end, end);
  }
  return spans;
}

/**
 * The stored (still compressed) bytes of each entry by index, read in as
 * few positioned reads as the entries' closeness allows.
 */
export async function readEntryData(
  handle: FileHandle,
  entries: readonly ZipEntry[],
  fileSize: number,
): Promise<Map<number, Buffer>> {
  const data = new Map<number, Buffer>();
  for (const span of planSpans(entries)) {
    const end = Math.min(fileSize, span.end);
    const buffer = await readAt(
      handle,
      span.start,
      Math.max(0, end - span.start),
    );
    for (const entry of span.entries)
      data.set(
        entry.index,
        sliceFromSpan(buffer, span.start, entry) ??
          (await readOne(handle, entry)),
      );
  }
  return data;
}
