import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import { gradle } from './index.js';

/** Corpus folders whose formats this ecosystem reads (SOURCES.md). */
const PROJECTS = ['terra-workspace-manager', 'adyen-android'];

describe('gradle extractors on the corpus', () => {
  it.each(PROJECTS)('%s: every matched file extracts cleanly', async (dir) => {
    const root = path.join(CORPUS_DIR, dir);
    const repository = repositoryAt(root);
    const matched = repository.paths.flatMap((file) =>
      gradle.extractors
        .filter((e) => e.matches(file))
        .map((e) => ({ file, e })),
    );

    const graphs = await Promise.all(
      matched.map(({ file, e }) =>
        e.extract({
          path: file,
          text: readFileSync(path.join(root, file), 'utf8'),
          repository,
        }),
      ),
    );

    expect(matched.length).toBeGreaterThan(0);
    for (const graph of graphs) {
      expect(graph.warnings).toEqual([]);
      expect(graph.packages.every((p) => p.ecosystem === gradle.name)).toBe(
        true,
      );
      const keys = new Set(graph.packages.map((p) => p.key));
      const roots = new Set(graph.roots.map((r) => r.key));
      for (const edge of graph.edges) {
        expect(roots.has(edge.from) || keys.has(edge.from)).toBe(true);
        expect(keys.has(edge.to)).toBe(true);
      }
    }
  });

  it('gives each extractor a unique id', () => {
    const ids = gradle.extractors.map((e) => e.id);

    expect(new Set(ids).size).toBe(ids.length);
  });
});
