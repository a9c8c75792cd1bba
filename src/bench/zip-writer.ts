import { open, type FileHandle } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const FLUSH_BYTES = 4 << 20;
const DIRECTORY_PARTS = 4096;
/** 2025-01-01 00:00:00 in MS-DOS form: archives are byte-identical per input. */
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x800;

/**
 * Writes a zip archive to disk an entry at a time, deflating each as it
 * comes. Lifecycle: `ZipFileWriter.create(file)`, `add(name, data)` per
 * entry (written in large appends), `close()` to write the central
 * directory (ZIP64 records when past 65,535 entries or 4 GiB). Memory:
 * the write buffer plus about 60 bytes and the name per entry.
 */
export class ZipFileWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private offset = 0;
  private entries = 0;
  /** Central directory records: joined chunks, then recent small ones. */
  private directory: Buffer[] = [];
  private recent: Buffer[] = [];

  private constructor(private readonly handle: FileHandle) {}

  static async create(file: string): Promise<ZipFileWriter> {
    return new ZipFileWriter(await open(file, 'w'));
  }

  /** Adds one entry, deflated unless `store` is set. */
  async add(
    name: string,
    data: Uint8Array,
    options: { store?: boolean } = {},
  ): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const method = options.store ? 0 : 8;
    const packed = options.store
      ? Buffer.from(data) // a copy: the caller may reuse its buffer
      : deflateRawSync(data);
    const crc = crc32(data);
    if (data.length >= MAX32 || packed.length >= MAX32)
      throw new RangeError(`zip entry ${name} is over 4 GiB`);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    const sizes = { method, crc, packed: packed.length, size: data.length };
    writeCommon(local, 6, sizes);
    local.writeUInt16LE(nameBytes.length, 26);
    this.addDirectoryEntry(nameBytes, sizes);
    await this.write(local, nameBytes, packed);
  }

  /** Writes the central directory and closes the file; returns its size. */
  async close(): Promise<{ entries: number; bytes: number }> {
    const start = this.offset;
    const directory = Buffer.concat([...this.directory, ...this.recent]);
    this.directory = [];
    this.recent = [];
    await this.write(
      directory,
      ...endRecords(this.entries, start, directory.length),
    );
    await this.flush();
    await this.handle.close();
    return { entries: this.entries, bytes: this.offset };
  }

  private addDirectoryEntry(name: Buffer, sizes: EntrySizes): void {
    const wide = this.offset >= MAX32;
    const header = Buffer.alloc(46 + name.length + (wide ? 12 : 0));
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(wide ? 45 : 20, 4);
    header.writeUInt16LE(wide ? 45 : 20, 6);
    writeCommon(header, 8, sizes);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(wide ? 12 : 0, 30);
    header.writeUInt32LE(wide ? MAX32 : this.offset, 42);
    name.copy(header, 46);
    if (wide) {
      const extra = 46 + name.length;
      header.writeUInt16LE(1, extra);
      header.writeUInt16LE(8, extra + 2);
      header.writeBigUInt64LE(BigInt(this.offset), extra + 4);
    }
    this.recent.push(header);
    this.entries += 1;
    // Fewer, larger buffers: small ones cost more in bookkeeping than bytes.
    if (this.recent.length >= DIRECTORY_PARTS) {
      this.directory.push(Buffer.concat(this.recent));
      this.recent = [];
    }
  }

  private async write(...parts: Buffer[]): Promise<void> {
    for (const part of parts) {
      this.pending.push(part);
      this.pendingBytes += part.length;
      this.offset += part.length;
    }
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.write(chunk);
  }
}

interface EntrySizes {
  method: number;
  crc: number;
  packed: number;
  size: number;
}

/** Flags to sizes: the stretch local and central headers share. */
function writeCommon(header: Buffer, at: number, sizes: EntrySizes): void {
  header.writeUInt16LE(UTF8_NAMES, at);
  header.writeUInt16LE(sizes.method, at + 2);
  header.writeUInt16LE(0, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 6);
  header.writeUInt32LE(sizes.crc, at + 8);
  header.writeUInt32LE(sizes.packed, at + 12);
  header.writeUInt32LE(sizes.size, at + 16);
}

/** ZIP64 end record and locator when needed, then the classic end record. */
function endRecords(entries: number, start: number, size: number): Buffer[] {
  const records: Buffer[] = [];
  const wide = entries >= MAX16 || start >= MAX32 || size >= MAX32;
  if (wide) {
    const zip64 = Buffer.alloc(56);
    zip64.writeUInt32LE(0x06064b50, 0);
    zip64.writeBigUInt64LE(44n, 4);
    zip64.writeUInt16LE(45, 12);
    zip64.writeUInt16LE(45, 14);
    zip64.writeBigUInt64LE(BigInt(entries), 24);
    zip64.writeBigUInt64LE(BigInt(entries), 32);
    zip64.writeBigUInt64LE(BigInt(size), 40);
    zip64.writeBigUInt64LE(BigInt(start), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(start + size), 8);
    locator.writeUInt32LE(1, 16);
    records.push(zip64, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries, MAX16), 8);
  end.writeUInt16LE(Math.min(entries, MAX16), 10);
  end.writeUInt32LE(Math.min(size, MAX32), 12);
  end.writeUInt32LE(Math.min(start, MAX32), 16);
  records.push(end);
  return records;
}
