import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, PROJECT_DIR, listFiles } from '../test-support/shared.js';
import { LAZY_ECOSYSTEMS, extractorsFor } from './lazy-registry.js';
import { allExtractors } from './registry.js';

/** Every file of the corpus, the examples and our fixtures, as repositories name them. */
function knownFiles(): string[] {
  return [
    ...listFiles(CORPUS_DIR),
    ...listFiles(path.join(PROJECT_DIR, 'examples')),
    ...listFiles(path.join(PROJECT_DIR, 'src')).filter((f) =>
      f.includes('__fixtures__/'),
    ),
  ];
}

describe('extractors loaded on demand', () => {
  it('hold the same extractors in the same order as the registry', async () => {
    const lazy = await Promise.all(LAZY_ECOSYSTEMS.map((e) => e.load()));

    expect(lazy.flat().map((e) => e.id)).toEqual(
      allExtractors().map((e) => e.id),
    );
  });

  it('let through every file an extractor reads, over the corpus and fixtures', async () => {
    const owner = new Map<string, (typeof LAZY_ECOSYSTEMS)[number]>();
    for (const ecosystem of LAZY_ECOSYSTEMS)
      for (const extractor of await ecosystem.load())
        owner.set(extractor.id, ecosystem);
    const files = knownFiles();
    const missed: string[] = [];
    let read = 0;

    for (const file of files) {
      const base = file.slice(file.lastIndexOf('/') + 1);
      for (const extractor of allExtractors()) {
        if (!extractor.matches(file)) continue;
        read += 1;
        if (!owner.get(extractor.id)!.mayRead(base))
          missed.push(`${extractor.id}: ${file}`);
      }
    }

    expect(read).toBeGreaterThan(500);
    expect(missed).toEqual([]);
  });

  it('load only what a repository needs', async () => {
    const extractors = await extractorsFor(['go.mod', 'go.sum', 'README.md']);

    expect(extractors.map((e) => e.id)).toEqual(['go-mod']);
  });
});
