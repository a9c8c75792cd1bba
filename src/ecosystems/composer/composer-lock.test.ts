import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import { extractComposerJson } from './composer-json.js';
import { composerLockExtractor } from './composer-lock.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);

async function extract(dir: string, file = 'composer.lock') {
  const repository = repositoryAt(dir);
  const text = (await repository.readText(file)) as string;
  return composerLockExtractor.extract({ path: file, text, repository });
}

// Independent route: lengths of `packages` and `packages-dev` by a plain
// JSON.parse, plus composer.json's platform requirements (php, ext-*).
function expectedCounts(dir: string) {
  const lock = JSON.parse(
    readFileSync(path.join(dir, 'composer.lock'), 'utf8'),
  );
  const manifest = JSON.parse(
    readFileSync(path.join(dir, 'composer.json'), 'utf8'),
  );
  const platform = [
    ...Object.keys(manifest.require ?? {}),
    ...Object.keys(manifest['require-dev'] ?? {}),
  ].filter((n) => n === 'php' || n.startsWith('ext-'));
  return {
    prod: lock.packages.length,
    dev: lock['packages-dev'].length,
    platform: platform.length,
  };
}

describe('composer.lock from the corpus', () => {
  it.each(['composer', 'symfony-demo'])('%s', async (project) => {
    const dir = path.join(CORPUS_DIR, project);
    const expected = expectedCounts(dir);

    const graph = await extract(dir);

    const locked = graph.packages.filter((p) => !p.skipReason);
    const platform = graph.packages.filter(
      (p) => p.skipReason === 'platform-package',
    );
    expect(locked.filter((p) => p.scope === 'prod')).toHaveLength(
      expected.prod,
    );
    expect(locked.filter((p) => p.scope === 'dev')).toHaveLength(expected.dev);
    expect(platform).toHaveLength(expected.platform);
    expect(graph.warnings).toEqual([]);
  });

  it('knows composer facts', async () => {
    const graph = await extract(path.join(CORPUS_DIR, 'composer'));

    // Read by hand from composer/composer.lock and composer.json.
    expect(
      graph.packages.find((p) => p.name === 'composer/ca-bundle'),
    ).toMatchObject({
      version: '1.5.12',
      direct: true,
      scope: 'prod',
      line: 10,
      purl: 'pkg:composer/composer/ca-bundle@1.5.12',
    });
    expect(
      graph.packages.find((p) => p.name === 'phpstan/phpstan')?.scope,
    ).toBe('dev');
  });
});

describe('composer.lock fixtures', () => {
  it.each([
    ['acme/lib', 'v1.2.0', 'file', 'prod', true],
    ['acme/polyfill', '1.0.0', 'registry', 'prod', true],
    ['phpunit/phpunit', '10.5.0', 'git', 'dev', true],
    ['php', null, 'registry', 'prod', true],
    ['ext-json', null, 'registry', 'prod', true],
  ])('%s %s from %s is %s', async (name, version, source, scope, direct) => {
    const graph = await extract(path.join(FIXTURES, 'replace-and-path'));

    const found = graph.packages.filter((p) => p.name === name);

    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ version, source, scope, direct });
  });

  it('follows replace and case-insensitive names for edges', async () => {
    const graph = await extract(path.join(FIXTURES, 'replace-and-path'));

    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: 'root:composer.json', to: 'acme/lib@v1.2.0', scope: 'prod' },
        {
          from: 'root:composer.json',
          to: 'acme/polyfill@1.0.0',
          scope: 'prod',
        },
        { from: 'acme/lib@v1.2.0', to: 'acme/polyfill@1.0.0' },
        { from: 'phpunit/phpunit@10.5.0', to: 'acme/lib@v1.2.0' },
      ]),
    );
  });

  it('refuses truncated JSON with the line', async () => {
    const failure = extract(path.join(FIXTURES, 'truncated-lock'));

    await expect(failure).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'composer.lock',
      line: 13, // the last line, cut short
    });
  });
});

describe('composer.lock of the wrong shape', () => {
  const repository = repositoryAt(path.join(FIXTURES, 'truncated-lock'));
  const read = (text: string) =>
    composerLockExtractor.extract({ path: 'composer.lock', text, repository });

  it.each([
    ['5', 'holds a number, not a JSON object'],
    ['[]', 'holds an array, not a JSON object'],
    ['{"packages": 5}', 'has a number at "packages"; expected an array'],
    ['{"packages": {}}', 'has an object at "packages"; expected an array'],
    [
      '{"packages": [], "packages-dev": "x"}',
      'has a string at "packages-dev"; expected an array or null',
    ],
  ])('refuses %s', async (text, message) => {
    const error = await read(text).catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'composer.lock',
    });
    expect((error as Error).message).toBe(
      `composer.lock ${message}; ` +
        (message.startsWith('holds')
          ? 'expected a lockfile written by its tool; '
          : '') +
        'restore it from version control or regenerate it with composer update',
    );
  });

  it('reads "packages-dev": null, as old Composer wrote, and skips a bad entry', async () => {
    const text = JSON.stringify({
      packages: [5, { name: 'acme/a', version: '1.0.0' }],
      'packages-dev': null,
    });

    const graph = await read(text);

    expect(graph.packages.map((p) => p.key)).toEqual(['acme/a@1.0.0']);
  });
});

describe('composer.json without a lockfile', () => {
  it.each([
    [
      '{"require": {"monolog/monolog": "^3.0"}}',
      'monolog/monolog',
      null,
      'unresolved',
    ],
    ['{"require": {"Psr/Log": "3.0.0"}}', 'psr/log', '3.0.0', 'none'],
    [
      '{"require-dev": {"ext-intl": "*"}}',
      'ext-intl',
      null,
      'platform-package',
    ],
  ])('%s', (text, name, version, skipReason) => {
    const graph = extractComposerJson({
      path: 'composer.json',
      text,
      repository: repositoryAt(FIXTURES),
    });

    const [pkg] = graph.packages;
    expect(pkg).toMatchObject({ name, version });
    expect(pkg?.skipReason ?? 'none').toBe(skipReason);
  });
});
