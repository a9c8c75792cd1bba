/**
 * Which files and folders discovery cares about. The predicates are generous
 * on purpose: extractors read siblings (a module's pom.xml, a project's
 * *.csproj, Directory.Packages.props), so anything that may be a manifest,
 * lockfile, SBOM, catalog descriptor or CODEOWNERS file is kept.
 */

/** Folders that hold installed, generated or build output, never sources. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  '.git',
  '.gradle',
  '.next',
  '.nuxt',
  '.pnpm-store',
  '.tox',
  '.venv',
  '__pycache__',
  'bower_components',
  'build',
  'coverage',
  'dist',
  'node_modules',
  'out',
  'target',
  'venv',
]);

/** Repository-relative folders skipped wherever they sit (Yarn's zip cache). */
const SKIPPED_SUFFIXES = ['.yarn/cache', '.yarn/unplugged'];

/** Files whose presence marks `vendor/` as vendored Go, PHP or Ruby code. */
const VENDOR_OWNERS = ['go.mod', 'composer.json', 'Gemfile', 'Gemfile.lock'];

/**
 * True when the folder `name` at `relativePath` is output or vendored code.
 * `siblings` are the names in its parent folder: `vendor/` is skipped only
 * beside a go.mod, composer.json or Gemfile (elsewhere it may be sources).
 */
export function isSkippedFolder(
  name: string,
  relativePath: string,
  siblings: ReadonlySet<string>,
): boolean {
  if (SKIPPED_FOLDERS.has(name)) return true;
  if (name === 'vendor') return VENDOR_OWNERS.some((f) => siblings.has(f));
  return SKIPPED_SUFFIXES.some(
    (s) => relativePath === s || relativePath.endsWith(`/${s}`),
  );
}

/** Exact file names of manifests, lockfiles and descriptors. */
const NAMES: ReadonlySet<string> = new Set([
  'CODEOWNERS',
  'Gemfile',
  'Gemfile.lock',
  'Pipfile',
  'Pipfile.lock',
  'go.mod',
  'go.sum',
  'go.work',
  'go.work.sum',
  'gems.rb',
  'gems.locked',
  'gradlew',
  'setup.py',
  'setup.cfg',
  'packages.config',
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.nvmrc',
  '.node-version',
  '.python-version',
  '.ruby-version',
  '.tool-versions',
]);

/** Extensions (lower case) that manifests, lockfiles and SBOMs use. */
const EXTENSIONS: ReadonlySet<string> = new Set([
  'cdx',
  'cfg',
  'config',
  'csproj',
  'fsproj',
  'gemspec',
  'gradle',
  'in',
  'json',
  'json5',
  'kts',
  'lock',
  'lockb',
  'lockfile',
  'mod',
  'nuspec',
  'properties',
  'props',
  'sbom',
  'sln',
  'spdx',
  'sum',
  'targets',
  'toml',
  'txt',
  'vbproj',
  'xml',
  'yaml',
  'yml',
]);

/**
 * True for files an extractor, the Backstage reader or the CODEOWNERS reader
 * might read: by exact name (Gemfile, go.mod, CODEOWNERS, ...) or by
 * extension (json, yaml, toml, lock, xml, gradle, kts, csproj, txt, ...).
 */
export function isFileOfInterest(relativePath: string): boolean {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (NAMES.has(name)) return true;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return false;
  return EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/** Names that, at a folder's top, make that folder a repository. */
const MARKERS: ReadonlySet<string> = new Set([
  'Cargo.lock',
  'Cargo.toml',
  'Gemfile',
  'Gemfile.lock',
  'Pipfile',
  'Pipfile.lock',
  'build.gradle',
  'build.gradle.kts',
  'buildscript-gradle.lockfile',
  'catalog-info.yaml',
  'catalog-info.yml',
  'composer.json',
  'composer.lock',
  'go.mod',
  // A Gradle build whose scripts were not kept still has its properties,
  // its wrapper or a lockfile at the top.
  'gradle.lockfile',
  'gradle.properties',
  'gradlew',
  'package-lock.json',
  'package.json',
  'packages.lock.json',
  'pnpm-lock.yaml',
  'poetry.lock',
  'pom.xml',
  'pyproject.toml',
  'requirements.txt',
  'settings.gradle',
  'settings.gradle.kts',
  'setup.py',
  'uv.lock',
  'yarn.lock',
  'bom.json',
  'bom.xml',
]);

/** True when a top-level file name marks a plain folder as a repository. */
export function isRepositoryMarker(name: string): boolean {
  if (MARKERS.has(name)) return true;
  const lower = name.toLowerCase();
  return (
    lower.endsWith('.csproj') ||
    lower.endsWith('.sln') ||
    lower.endsWith('.cdx.json') ||
    lower.endsWith('.cdx.xml') ||
    lower.endsWith('.spdx') ||
    lower.endsWith('.spdx.json')
  );
}
