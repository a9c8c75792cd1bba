import { createHash } from 'node:crypto';
import type { RepositoryFiles } from '../ecosystems/types.js';

/**
 * Wraps a repository's files so that each file is read once per scan and
 * its content hash is known afterwards: extractors read siblings freely and
 * the scan hashes exactly what was read. Lives for one repository's scan.
 */
export class HashingRepositoryFiles implements RepositoryFiles {
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly hashes = new Map<string, string>();

  constructor(private readonly inner: RepositoryFiles) {}

  get paths(): readonly string[] {
    return this.inner.paths;
  }

  readText(path: string): Promise<string | undefined> {
    let text = this.texts.get(path);
    if (!text) {
      text = this.inner.readText(path).then((value) => {
        if (value !== undefined) {
          this.hashes.set(
            path,
            createHash('sha256').update(value).digest('hex'),
          );
        }
        return value;
      });
      this.texts.set(path, text);
    }
    return text;
  }

  /** sha256 of a file's content, reading it if no extractor did. */
  async hashOf(path: string): Promise<string> {
    await this.readText(path).catch(() => undefined);
    return this.hashes.get(path) ?? 'missing';
  }
}
