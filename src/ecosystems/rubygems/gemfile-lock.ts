import { InputError } from '../../core/errors.js';
import { moduleLogger } from '../../core/log.js';
import type {
  DependencyGraph,
  GraphEdge,
  GraphPackage,
  Scope,
} from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';
import { assignScopes } from '../cargo/graph-scope.js';
import { refusingEmpty } from '../empty-lockfile.js';
import type { ExtractionRequest, Extractor } from '../types.js';
import { parseGemfile, scopeOfGroups, type GemfileEntry } from './gemfile.js';
import { parseGemfileLock, type LockedGem } from './gemfile-lock-parse.js';

const log = moduleLogger('ecosystems.rubygems');

const SKIP_REASONS: Partial<Record<string, string>> = {
  git: 'git-dependency',
  file: 'path-dependency',
};

function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

function toPackage(gem: LockedGem, file: string): GraphPackage {
  const pkg: GraphPackage = {
    key: `${gem.name}@${gem.version}`,
    ecosystem: 'RubyGems',
    name: gem.name,
    version: gem.version,
    purl: buildPurl('RubyGems', gem.name, gem.version),
    source: gem.source,
    scope: 'prod',
    direct: false,
    file,
    line: gem.line,
  };
  const reason = SKIP_REASONS[gem.source];
  if (reason) pkg.skipReason = reason;
  return pkg;
}

/** The Gemfile beside the lockfile (`gems.rb` beside `gems.locked`). */
async function readGemfile(request: ExtractionRequest) {
  const dir = dirOf(request.path);
  const name = request.path.endsWith('gems.locked') ? 'gems.rb' : 'Gemfile';
  const file = dir ? `${dir}/${name}` : name;
  const text = await request.repository.readText(file);
  return text === undefined ? undefined : { file, entries: parseGemfile(text) };
}

function scopesByName(entries: GemfileEntry[] | undefined): Map<string, Scope> {
  const out = new Map<string, Scope>();
  for (const entry of entries ?? []) {
    const scope = scopeOfGroups(entry.groups);
    const known = out.get(entry.name);
    // A gem listed twice takes the stronger scope.
    if (!known || scope === 'prod' || (scope === 'dev' && known === 'test'))
      out.set(entry.name, scope);
  }
  return out;
}

/** Reads Gemfile.lock (or gems.locked), with the Gemfile's groups for scope. */
export async function extractGemfileLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const file = request.path;
  const lock = parseGemfileLock(request.text);
  if (lock.gems.length === 0 && lock.dependencies.length === 0) {
    throw new InputError(
      'ERR_GEMFILE_LOCK_SYNTAX',
      `${file} has no GEM, GIT, PATH or DEPENDENCIES section; expected a ` +
        'lockfile written by Bundler; run `bundle lock` to regenerate it',
      { file },
    );
  }
  // DEPENDENCIES resolved by no source at all: the sections are broken,
  // and reading on would keep none of the gems.
  if (!lock.hasSource) {
    throw new InputError(
      'ERR_GEMFILE_LOCK_SYNTAX',
      `${file} lists gems under DEPENDENCIES but has no GEM, GIT or PATH ` +
        'section to resolve them; expected the sections Bundler writes; ' +
        'restore it from version control or run `bundle lock`',
      { file, line: lock.dependencies[0]?.line },
    );
  }
  // Bundler always writes DEPENDENCIES after the sources: without it the
  // file was cut off, and reading what is left would under-report.
  if (!/^DEPENDENCIES\r?$/m.test(request.text)) {
    throw new InputError(
      'ERR_GEMFILE_LOCK_SYNTAX',
      `${file} has no DEPENDENCIES section, so it looks truncated; ` +
        'restore it from version control or run `bundle lock`',
      { file, line: request.text.split('\n').length },
    );
  }
  const gemfile = await readGemfile(request);
  const graph = buildGraph(request.path, lock, scopesByName(gemfile?.entries));
  if (gemfile) graph.files.push(gemfile.file);
  log.debug({ file, packages: graph.packages.length }, 'Gemfile.lock read');
  return graph;
}

function buildGraph(
  file: string,
  lock: ReturnType<typeof parseGemfileLock>,
  scopes: Map<string, Scope>,
): DependencyGraph {
  const dir = dirOf(file);
  const rootKey = `root:${file}`;
  const byName = new Map<string, GraphPackage>();
  const packages = lock.gems.map((gem) => {
    const pkg = toPackage(gem, file);
    if (!byName.has(gem.name)) byName.set(gem.name, pkg);
    return pkg;
  });
  const edges: GraphEdge[] = [];
  const warnings = lock.unreadable.map((line) => ({
    file,
    line,
    code: 'ERR_GEMFILE_LOCK_LINE',
    message: 'line is neither a gem nor a dependency; it is skipped',
  }));
  for (const dependency of lock.dependencies) {
    const target = byName.get(dependency.name);
    if (target) {
      const scope = scopes.get(dependency.name) ?? 'prod';
      edges.push({ from: rootKey, to: target.key, scope });
    }
    // Otherwise the gem is only for platforms this lockfile does not cover
    // (`tzinfo-data` on Windows): Bundler resolved nothing for it.
  }
  addGemEdges(lock.gems, byName, edges);
  addBundler({ lock, file, rootKey, byName, packages, edges });
  assignScopes(packages, edges, new Set([rootKey]));
  return {
    roots: [
      {
        key: rootKey,
        name: dir || 'Gemfile',
        path: dir,
        ecosystem: 'RubyGems',
        file,
      },
    ],
    packages,
    edges,
    files: [file],
    warnings,
  };
}

function addGemEdges(
  gems: LockedGem[],
  byName: Map<string, GraphPackage>,
  edges: GraphEdge[],
): void {
  for (const gem of gems) {
    const from = `${gem.name}@${gem.version}`;
    // Platform variants repeat their dependencies; one edge each.
    for (const name of new Set(gem.dependencies)) {
      const target = byName.get(name);
      if (target) edges.push({ from, to: target.key });
    }
  }
}

interface BundlerContext {
  lock: ReturnType<typeof parseGemfileLock>;
  file: string;
  rootKey: string;
  byName: Map<string, GraphPackage>;
  packages: GraphPackage[];
  edges: GraphEdge[];
}

/**
 * Bundler itself loads the application at run time (`bundler/setup`), so
 * the version in BUNDLED WITH is kept as a direct prod package.
 */
function addBundler(context: BundlerContext): void {
  const version = context.lock.bundledWith;
  if (!version || context.byName.has('bundler')) return;
  const pkg = toPackage(
    {
      name: 'bundler',
      version,
      source: 'registry',
      remote: '',
      dependencies: [],
      line: 0,
    },
    context.file,
  );
  delete pkg.line;
  context.packages.push(pkg);
  context.edges.push({ from: context.rootKey, to: pkg.key, scope: 'prod' });
}

/** Gemfile.lock and gems.locked. */
export const gemfileLockExtractor: Extractor = {
  id: 'rubygems-gemfile-lock',
  ecosystem: 'RubyGems',
  kind: 'lockfile',
  matches: (path) => /(?:^|\/)(?:Gemfile\.lock|gems\.locked)$/.test(path),
  extract: refusingEmpty(extractGemfileLock, 'run `bundle lock`'),
};
