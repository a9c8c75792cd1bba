import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../test-support/shared.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      return entry === '__fixtures__' ? [] : sourceFiles(full);
    }
    return entry.endsWith('.ts') && !entry.endsWith('.test.ts') ? [full] : [];
  });
}

// Every stable error code thrown or recorded by the product, as written in code.
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(path.join(PROJECT_DIR, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /'(ERR_[A-Z0-9_]+)'/g,
    )) {
      codes.add(match[1]!);
    }
  }
  return codes;
}

describe('docs/errors.md', () => {
  it('has a row for every error code in the source', () => {
    const documented = readFileSync(
      path.join(PROJECT_DIR, 'docs/errors.md'),
      'utf8',
    );

    const missing = [...codesInSource()].filter(
      (code) => !documented.includes(`\`${code}\``),
    );

    expect(missing).toEqual([]);
  });
});
