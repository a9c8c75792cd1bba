import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import { gemfileLockExtractor } from './gemfile-lock.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);

async function extract(dir: string, file = 'Gemfile.lock') {
  const repository = repositoryAt(dir);
  const text = (await repository.readText(file)) as string;
  return gemfileLockExtractor.extract({ path: file, text, repository });
}

// Independent route: a regex over the raw text for 4-space spec lines,
// platform suffix cut at the first dash, counted distinct; plus bundler
// from BUNDLED WITH when present.
function countSpecs(file: string): number {
  const text = readFileSync(file, 'utf8');
  const specs = new Set(
    [...text.matchAll(/^ {4}(\S+) \(([^)-]+)[^)]*\)$/gm)].map(
      (m) => `${m[1]}@${m[2]}`,
    ),
  );
  return specs.size + (/^BUNDLED WITH$/m.test(text) ? 1 : 0);
}

describe('Gemfile.lock from the corpus', () => {
  it.each([
    'rails',
    'rubygems-org',
    'dependabot-core',
    'gitlab-foss-bundler',
    'mastodon-bundler',
  ])('%s', async (project) => {
    const dir = path.join(CORPUS_DIR, project);

    const graph = await extract(dir);

    expect(graph.packages).toHaveLength(
      countSpecs(path.join(dir, 'Gemfile.lock')),
    );
    expect(graph.warnings).toEqual([]);
  });

  // Versions read by hand from each lockfile.
  it.each([
    ['rails', 'nokogiri', '1.19.1', true],
    ['rails', 'puma', '6.5.0', true],
    ['rails', 'sprockets', '4.2.1', false],
    ['mastodon-bundler', 'rails', '5.2.4.1', true],
    ['gitlab-foss-bundler', 'devise', '4.7.1', true],
  ])('%s has %s %s (direct %s)', async (project, name, version, direct) => {
    const graph = await extract(path.join(CORPUS_DIR, project));

    const found = graph.packages.filter((p) => p.name === name);

    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ version, direct });
  });

  it('keeps dependabot-core PATH gems as file packages', async () => {
    const graph = await extract(path.join(CORPUS_DIR, 'dependabot-core'));

    expect(
      graph.packages.find((p) => p.name === 'dependabot-common'),
    ).toMatchObject({ source: 'file', direct: true, version: '0.392.0' });
  });
});

describe('Gemfile.lock fixtures', () => {
  it.each([
    ['rails', 'prod', true, 'registry'],
    ['nokogiri', 'prod', true, 'registry'],
    ['racc', 'prod', false, 'registry'],
    ['rspec', 'test', true, 'registry'],
    ['capybara', 'test', true, 'registry'],
    ['pry', 'dev', true, 'registry'],
    ['byebug', 'dev', true, 'registry'],
    ['extra', 'prod', true, 'registry'],
    ['forked', 'prod', true, 'git'],
    ['local_tool', 'prod', true, 'file'],
    ['bundler', 'prod', true, 'registry'],
  ])('%s is %s, direct %s, from %s', async (name, scope, direct, source) => {
    const graph = await extract(path.join(FIXTURES, 'groups-and-sources'));

    const found = graph.packages.filter((p) => p.name === name);

    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ scope, direct, source });
  });

  it('merges platform variants and reports odd lines', async () => {
    const graph = await extract(path.join(FIXTURES, 'groups-and-sources'));

    expect(graph.packages.find((p) => p.name === 'nokogiri')?.version).toBe(
      '1.16.0',
    );
    expect(graph.edges.filter((e) => e.from === 'nokogiri@1.16.0')).toEqual([
      { from: 'nokogiri@1.16.0', to: 'racc@1.7.3' },
    ]);
    expect(graph.packages.find((p) => p.name === 'bundler')?.version).toBe(
      '2.5.3',
    );
    expect(graph.warnings.map((w) => [w.code, w.line])).toEqual([
      ['ERR_GEMFILE_LOCK_LINE', 31],
    ]);
    expect(graph.files).toEqual(['Gemfile.lock', 'Gemfile']);
    // `ghost` is in DEPENDENCIES only, as Bundler writes gems for platforms
    // the lockfile does not cover.
    expect(graph.packages.some((p) => p.name === 'ghost')).toBe(false);
  });

  it('refuses a file that is not a lockfile', async () => {
    const failure = extract(path.join(FIXTURES, 'not-a-lockfile'));

    await expect(failure).rejects.toMatchObject({
      code: 'ERR_GEMFILE_LOCK_SYNTAX',
      file: 'Gemfile.lock',
    });
  });

  it('refuses a truncated lockfile instead of reading part of it', async () => {
    const text = readFileSync(
      path.join(CORPUS_DIR, 'rails', 'Gemfile.lock'),
      'utf8',
    ).slice(0, 500);
    const repository = repositoryAt(path.join(CORPUS_DIR, 'rails'));

    const failure = gemfileLockExtractor.extract({
      path: 'Gemfile.lock',
      text,
      repository,
    });

    await expect(failure).rejects.toMatchObject({
      code: 'ERR_GEMFILE_LOCK_SYNTAX',
    });
  });

  const SPECS = '  remote: https://rubygems.org/\n  specs:\n    rack (3.0.8)\n';
  const TAIL = '\nDEPENDENCIES\n  rack\n';

  it.each([
    ['a misspelled GEM header', `GEMS\n${SPECS}${TAIL}`],
    ['no source section', `PLATFORMS\n  ruby\n${TAIL}`],
  ])('refuses %s, whose DEPENDENCIES nothing resolves', async (_, text) => {
    const failure = gemfileLockExtractor.extract({
      path: 'Gemfile.lock',
      text,
      repository: { paths: ['Gemfile.lock'], readText: async () => undefined },
    });

    await expect(failure).rejects.toMatchObject({
      code: 'ERR_GEMFILE_LOCK_SYNTAX',
      file: 'Gemfile.lock',
      message: expect.stringContaining(
        'Gemfile.lock lists gems under DEPENDENCIES but has no GEM, GIT or ' +
          'PATH section',
      ),
    });
  });

  it('reports a gem indented as a source option', async () => {
    const text = `GEM\n  remote: https://rubygems.org/\n  specs:\n  rack (3.0.8)\n${TAIL}`;

    const graph = await gemfileLockExtractor.extract({
      path: 'Gemfile.lock',
      text,
      repository: { paths: ['Gemfile.lock'], readText: async () => undefined },
    });

    expect(graph.warnings.map((w) => [w.code, w.line])).toEqual([
      ['ERR_GEMFILE_LOCK_LINE', 4],
    ]);
  });
});
