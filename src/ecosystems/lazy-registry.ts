import type { Extractor } from './types.js';

/**
 * One ecosystem's extractors, loaded on first need. `mayRead` is a coarse
 * test on a file's base name that every file one of its extractors reads
 * passes (a test checks this over the corpus and the fixtures); a file it
 * lets through in vain only costs loading the module.
 */
interface LazyEcosystem {
  name: string;
  mayRead(base: string): boolean;
  load(): Promise<readonly Extractor[]>;
}

const named =
  (...names: string[]) =>
  (base: string) =>
    names.includes(base);

/**
 * Every ecosystem in the order of registry.ts, SBOM readers last. Loading
 * them all costs about 0.2 s of CPU at start-up, most of a small
 * repository's whole `inventory`.
 */
export const LAZY_ECOSYSTEMS: readonly LazyEcosystem[] = [
  {
    name: 'crates.io',
    mayRead: named('Cargo.lock', 'Cargo.toml'),
    load: async () => (await import('./cargo/index.js')).cargo.extractors,
  },
  {
    name: 'Packagist',
    mayRead: named('composer.lock', 'composer.json'),
    load: async () => (await import('./composer/index.js')).composer.extractors,
  },
  {
    name: 'Go',
    mayRead: named('go.mod'),
    load: async () => (await import('./go/index.js')).go.extractors,
  },
  {
    name: 'Gradle',
    mayRead: (base) =>
      base.endsWith('.lockfile') ||
      base === 'verification-metadata.xml' ||
      base.startsWith('gradle-dependencies') ||
      base.startsWith('build.gradle') ||
      base.endsWith('.versions.toml'),
    load: async () => (await import('./gradle/index.js')).gradle.extractors,
  },
  {
    name: 'Maven',
    mayRead: (base) =>
      base === 'pom.xml' || base.endsWith('dependency-tree.txt'),
    load: async () => (await import('./maven/index.js')).maven.extractors,
  },
  {
    name: 'npm',
    mayRead: named(
      'package.json',
      'package-lock.json',
      'npm-shrinkwrap.json',
      'yarn.lock',
      'pnpm-lock.yaml',
    ),
    load: async () => (await import('./npm/index.js')).npm.extractors,
  },
  {
    name: 'NuGet',
    mayRead: (base) =>
      /^packages(\..+)?\.lock\.json$/.test(base) ||
      /\.(cs|fs|vb)proj$/i.test(base) ||
      /^directory\.(packages|build)\.props$/i.test(base),
    load: async () => (await import('./nuget/index.js')).nuget.extractors,
  },
  {
    name: 'PyPI',
    mayRead: (base) =>
      /\.(txt|in)$/i.test(base) ||
      [
        'poetry.lock',
        'pyproject.toml',
        'Pipfile',
        'Pipfile.lock',
        'uv.lock',
        'pdm.lock',
      ].includes(base),
    load: async () => (await import('./pypi/index.js')).pypi.extractors,
  },
  {
    name: 'RubyGems',
    mayRead: named('Gemfile', 'Gemfile.lock', 'gems.rb', 'gems.locked'),
    load: async () => (await import('./rubygems/index.js')).rubygems.extractors,
  },
  {
    name: 'SBOM',
    mayRead: (base) =>
      /\.(json|xml|spdx|tv)$/i.test(base) && /bom|cdx|spdx/i.test(base),
    load: async () => (await import('../sbom/index.js')).sbomExtractors,
  },
];

const loaded = new Map<string, Promise<readonly Extractor[]>>();

function extractorsOf(ecosystem: LazyEcosystem) {
  let extractors = loaded.get(ecosystem.name);
  if (!extractors) {
    extractors = ecosystem.load();
    loaded.set(ecosystem.name, extractors);
  }
  return extractors;
}

/**
 * The extractors that may read some of `paths` (repository-relative), in
 * registry order, loading each ecosystem's modules the first time one of
 * its files is seen.
 */
export async function extractorsFor(
  paths: readonly string[],
): Promise<Extractor[]> {
  const bases = new Set(paths.map((p) => p.slice(p.lastIndexOf('/') + 1)));
  const wanted = LAZY_ECOSYSTEMS.filter((ecosystem) =>
    [...bases].some((base) => ecosystem.mayRead(base)),
  );
  const lists = await Promise.all(wanted.map(extractorsOf));
  return lists.flat();
}
