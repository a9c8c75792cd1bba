import { InputError } from '../../core/errors.js';
import type { DependencyGraph } from '../../core/model.js';
import type { ExtractionRequest } from '../types.js';
import { folderOf, GraphBuilder, joinPath } from '../graph-builder.js';
import {
  goReleaseVersion,
  isLocalPath,
  parseGoMod,
  type GoModFile,
  type GoReplace,
  type GoRequire,
} from './go-mod-parse.js';
import { modulesFromGoSum } from './go-sum.js';

/** The Go release from which go.mod lists every module the build needs. */
const PRUNED_FROM = [1, 17];

/**
 * Reads go.mod (and go.sum beside it for modules older go.mod files leave
 * out). go.mod names no edges between modules, so every module hangs off
 * the root: `// indirect` ones marked transitive. The Go toolchain is
 * recorded as the package `stdlib`.
 */
export async function extractGoMod(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, text, repository } = request;
  const mod = parseGoMod(text);
  if (mod.unclosedBlock) {
    throw new InputError(
      'ERR_LOCKFILE_SYNTAX',
      `go.mod opens a ${mod.unclosedBlock.verb} block at line ${mod.unclosedBlock.line} ` +
        'that never closes, so it looks truncated; restore it or run go mod tidy',
      { file: request.path, line: mod.unclosedBlock.line },
    );
  }
  // Go refuses a go.mod without one (`missing module declaration`); read
  // leniently, an emptied file would pass as a module without requires.
  if (mod.module === undefined) {
    throw new InputError(
      'ERR_LOCKFILE_SYNTAX',
      'go.mod has no module directive; expected `module <path>` before its ' +
        'requires, as go writes it; restore it from version control, or ' +
        'recreate it with go mod init and go mod tidy',
      { file },
    );
  }
  const builder = new GraphBuilder('Go');
  builder.addFile(file);
  for (const problem of mod.problems) {
    builder.warn(
      file,
      'GO_MOD_LINE_INVALID',
      `${problem.message}; the line is skipped`,
      problem.line,
    );
  }
  const dir = folderOf(file);
  const root = builder.addRoot({
    key: `root:${file}`,
    name: mod.module ?? (dir || 'root'),
    path: dir,
    file,
  });

  addStdlib(builder, mod, file, root.key);
  for (const require of mod.requires) {
    const key = builder.addPackage(packageOf(require, mod.replaces, file));
    builder.addEdge(root.key, key);
  }
  if (!isPruned(mod.go))
    await addFromGoSum(builder, { mod, dir, rootKey: root.key, repository });
  return builder.graph;
}

function addStdlib(
  builder: GraphBuilder,
  mod: GoModFile,
  file: string,
  rootKey: string,
): void {
  const version = goReleaseVersion(mod.toolchain) ?? goReleaseVersion(mod.go);
  if (!version) return;
  const key = builder.addPackage({
    name: 'stdlib',
    version,
    direct: true,
    file,
    declared: mod.toolchain ?? `go ${mod.go}`,
  });
  builder.addEdge(rootKey, key);
}

/** The package a require line stands for, after any replace applies. */
export function packageOf(
  require: GoRequire,
  replaces: readonly GoReplace[],
  file: string,
) {
  const base = { file, line: require.line, direct: !require.indirect };
  const replace =
    replaces.find(
      (r) => r.oldPath === require.path && r.oldVersion === require.version,
    ) ??
    replaces.find(
      (r) => r.oldPath === require.path && r.oldVersion === undefined,
    );
  if (!replace)
    return { ...base, name: require.path, version: require.version };
  const declared = `${require.path} ${require.version} => ${replace.newPath}${replace.newVersion ? ` ${replace.newVersion}` : ''}`;
  if (isLocalPath(replace.newPath)) {
    return {
      ...base,
      name: require.path,
      version: null,
      source: 'file' as const,
      declared,
      skipReason: 'local-replace',
    };
  }
  return {
    ...base,
    name: replace.newPath,
    version: replace.newVersion ?? require.version,
    declared,
  };
}

function isPruned(go: string | undefined): boolean {
  const [major, minor] = (go ?? '').split('.').map(Number);
  if (major === undefined || minor === undefined || Number.isNaN(minor))
    return false;
  return (
    major > (PRUNED_FROM[0] as number) ||
    (major === PRUNED_FROM[0] && minor >= (PRUNED_FROM[1] as number))
  );
}

interface GoSumOptions {
  mod: GoModFile;
  dir: string;
  rootKey: string;
  repository: ExtractionRequest['repository'];
}

/** Before Go 1.17 go.mod may omit modules the build uses; go.sum has them. */
async function addFromGoSum(
  builder: GraphBuilder,
  options: GoSumOptions,
): Promise<void> {
  const sumFile = joinPath(options.dir, 'go.sum');
  const text = await options.repository.readText(sumFile);
  if (text === undefined) return;
  builder.addFile(sumFile);
  const known = new Set(options.mod.requires.map((r) => r.path));
  for (const entry of modulesFromGoSum(text)) {
    if (known.has(entry.path)) continue;
    const require = { ...entry, indirect: true };
    const key = builder.addPackage({
      ...packageOf(require, options.mod.replaces, sumFile),
    });
    builder.addEdge(options.rootKey, key);
  }
}
