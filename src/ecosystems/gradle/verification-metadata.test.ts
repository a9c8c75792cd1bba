import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import type { RepositoryFiles } from '../types.js';

import { extractVerificationMetadata } from './verification-metadata.js';

function memoryRepository(files: Record<string, string>): RepositoryFiles {
  return { paths: Object.keys(files).sort(), readText: async (p) => files[p] };
}

describe('verification-metadata.xml on the corpus', () => {
  it('adyen-android: one package per component', async () => {
    const root = path.join(CORPUS_DIR, 'adyen-android');
    const file = 'gradle/verification-metadata.xml';
    const text = readFileSync(path.join(root, file), 'utf8');
    // Independent route: `<component ` occurrences.
    const components = text.split('<component ').length - 1;

    const graph = await extractVerificationMetadata({
      path: file,
      text,
      repository: repositoryAt(root),
    });

    expect(graph.packages).toHaveLength(components);
    expect(graph.files).toContain('gradle/libs.versions.toml');
    expect(graph.packages[0]).toMatchObject({
      name: 'androidx.activity:activity',
      version: '1.0.0',
      line: 15,
    });
  });

  it.each([
    [
      '<!DOCTYPE x [<!ENTITY a "b">]><verification-metadata/>',
      'ERR_XML_DOCTYPE',
    ],
    [
      '<verification-metadata><components><component group="a"',
      'ERR_XML_SYNTAX',
    ],
  ])('refuses %s', async (text, code) => {
    const result = extractVerificationMetadata({
      path: 'gradle/verification-metadata.xml',
      text,
      repository: memoryRepository({}),
    });

    await expect(result).rejects.toMatchObject({ code });
  });

  it('warns on a component without a version', async () => {
    const text =
      '<verification-metadata><components>\n<component group="a" name="b"/>\n<component group="c" name="d" version="1"/>\n</components></verification-metadata>';

    const graph = await extractVerificationMetadata({
      path: 'gradle/verification-metadata.xml',
      text,
      repository: memoryRepository({}),
    });

    expect(graph.packages.map((p) => p.name)).toEqual(['c:d']);
    expect(graph.warnings).toMatchObject([
      { code: 'GRADLE_COMPONENT_INVALID', line: 2 },
    ]);
  });
});
