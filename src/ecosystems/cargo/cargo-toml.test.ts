import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import { cargoTomlExtractor } from './cargo-toml.js';

async function extract(dir: string, file: string) {
  const repository = repositoryAt(dir);
  const text = (await repository.readText(file)) as string;
  return cargoTomlExtractor.extract({ path: file, text, repository });
}

describe('Cargo.toml without a lockfile', () => {
  // Expected values read by hand from bat/Cargo.toml.
  it.each([
    ['clap', 'optional', 'unresolved'], // [dependencies.clap] optional
    ['nix', 'dev', 'unresolved'], // [target.'cfg(unix)'.dev-dependencies]
    ['plist', 'prod', 'unresolved'], // target-specific [dependencies]
    ['assert_cmd', 'dev', 'unresolved'],
    ['serde_yaml', 'prod', 'unresolved'],
  ])('bat declares %s as %s', async (name, scope, skipReason) => {
    const graph = await extract(path.join(CORPUS_DIR, 'bat'), 'Cargo.toml');

    const pkg = graph.packages.find((p) => p.name === name);

    expect(pkg).toMatchObject({ scope, skipReason, version: null });
  });

  it('marks path dependencies of ripgrep', async () => {
    const graph = await extract(path.join(CORPUS_DIR, 'ripgrep'), 'Cargo.toml');

    expect(graph.roots[0]).toMatchObject({ name: 'ripgrep', path: '' });
    expect(graph.packages.find((p) => p.name === 'grep')).toMatchObject({
      source: 'file',
      skipReason: 'path-dependency',
    });
  });
});
