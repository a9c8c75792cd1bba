import type { EcosystemName } from '../core/model.js';

/** What a manifest or lockfile name says about a service's stack. */
export interface FileSignal {
  test: (name: string) => boolean;
  languages: string[];
  packageManagers: string[];
}

function named(...names: string[]): (name: string) => boolean {
  const set = new Set(names);
  return (name) => set.has(name);
}

function ending(...suffixes: string[]): (name: string) => boolean {
  return (name) => suffixes.some((s) => name.toLowerCase().endsWith(s));
}

const JS = ['JavaScript'];

/** File name → languages and package managers. First match per file counts. */
export const FILE_SIGNALS: readonly FileSignal[] = [
  {
    test: named('package-lock.json', 'npm-shrinkwrap.json'),
    languages: JS,
    packageManagers: ['npm'],
  },
  { test: named('yarn.lock'), languages: JS, packageManagers: ['yarn'] },
  {
    test: named('pnpm-lock.yaml', 'pnpm-workspace.yaml'),
    languages: JS,
    packageManagers: ['pnpm'],
  },
  {
    test: named('bun.lock', 'bun.lockb'),
    languages: JS,
    packageManagers: ['bun'],
  },
  { test: named('package.json'), languages: JS, packageManagers: [] },
  { test: named('pom.xml'), languages: ['Java'], packageManagers: ['maven'] },
  {
    test: named('build.gradle', 'settings.gradle', 'gradle.lockfile'),
    languages: ['Java'],
    packageManagers: ['gradle'],
  },
  {
    test: named('build.gradle.kts', 'settings.gradle.kts'),
    languages: ['Java', 'Kotlin'],
    packageManagers: ['gradle'],
  },
  {
    test: named('go.mod', 'go.sum', 'go.work'),
    languages: ['Go'],
    packageManagers: ['go'],
  },
  {
    test: named('Cargo.lock', 'Cargo.toml'),
    languages: ['Rust'],
    packageManagers: ['cargo'],
  },
  {
    test: named('Gemfile', 'Gemfile.lock', 'gems.rb', 'gems.locked'),
    languages: ['Ruby'],
    packageManagers: ['bundler'],
  },
  {
    test: ending('.gemspec'),
    languages: ['Ruby'],
    packageManagers: ['bundler'],
  },
  { test: ending('.csproj'), languages: ['C#'], packageManagers: ['nuget'] },
  { test: ending('.fsproj'), languages: ['F#'], packageManagers: ['nuget'] },
  {
    test: ending('.vbproj'),
    languages: ['Visual Basic'],
    packageManagers: ['nuget'],
  },
  {
    test: named(
      'packages.lock.json',
      'packages.config',
      'Directory.Packages.props',
    ),
    languages: ['C#'],
    packageManagers: ['nuget'],
  },
  {
    test: named('composer.json', 'composer.lock'),
    languages: ['PHP'],
    packageManagers: ['composer'],
  },
  {
    test: named('poetry.lock'),
    languages: ['Python'],
    packageManagers: ['poetry'],
  },
  {
    test: named('Pipfile', 'Pipfile.lock'),
    languages: ['Python'],
    packageManagers: ['pipenv'],
  },
  { test: named('uv.lock'), languages: ['Python'], packageManagers: ['uv'] },
  { test: named('pdm.lock'), languages: ['Python'], packageManagers: ['pdm'] },
  {
    test: named('pyproject.toml', 'setup.py', 'setup.cfg'),
    languages: ['Python'],
    packageManagers: ['pip'],
  },
  {
    test: (n) => /^requirements.*\.(?:txt|in)$/.test(n),
    languages: ['Python'],
    packageManagers: ['pip'],
  },
];

/** Used when no file name says anything (an SBOM, say). */
export const ECOSYSTEM_LANGUAGES: Record<EcosystemName, string> = {
  npm: 'JavaScript',
  Maven: 'Java',
  PyPI: 'Python',
  Go: 'Go',
  'crates.io': 'Rust',
  RubyGems: 'Ruby',
  NuGet: 'C#',
  Packagist: 'PHP',
};

/**
 * Main frameworks by direct dependency: ecosystem, then exact normalised
 * name or a prefix ending in `:`, `.` or `/` (a Maven group, a NuGet or Go
 * prefix). Deliberately short: the frameworks a reader of a service page
 * expects to see named, not every library.
 */
export const FRAMEWORKS: Partial<
  Record<EcosystemName, Record<string, string>>
> = {
  npm: {
    react: 'react',
    vue: 'vue',
    '@angular/core': 'angular',
    next: 'next',
    nuxt: 'nuxt',
    svelte: 'svelte',
    express: 'express',
    fastify: 'fastify',
    koa: 'koa',
    '@hapi/hapi': 'hapi',
    '@nestjs/core': 'nestjs',
    electron: 'electron',
    'react-native': 'react-native',
  },
  Maven: {
    'org.springframework.boot:': 'spring-boot',
    'io.quarkus:': 'quarkus',
    'io.micronaut:': 'micronaut',
    'io.dropwizard:': 'dropwizard',
    'io.vertx:': 'vertx',
  },
  PyPI: { django: 'django', flask: 'flask', fastapi: 'fastapi' },
  RubyGems: { rails: 'rails', sinatra: 'sinatra' },
  Packagist: {
    'laravel/framework': 'laravel',
    'symfony/framework-bundle': 'symfony',
    'symfony/symfony': 'symfony',
  },
  Go: {
    'github.com/gin-gonic/gin': 'gin',
    'github.com/labstack/echo/': 'echo',
    'github.com/gofiber/fiber/': 'fiber',
  },
  'crates.io': { 'actix-web': 'actix-web', axum: 'axum', rocket: 'rocket' },
  NuGet: { 'microsoft.aspnetcore.': 'aspnetcore' },
};
