import semver from 'semver';
import type { LockDependency, LockNode } from './package-lock-tree.js';
import { parseAlias } from './spec.js';
import type { WarningList } from './warning-list.js';

/** One dependency a root (the project or a workspace) declares. */
export interface RootDependencyCheck {
  dependency: LockDependency;
  /** The root's folder relative to the lockfile ('' for the project). */
  root: string;
  /** Whether the lockfile resolves it at all, and the package if installed. */
  resolved: boolean;
  node: LockNode | undefined;
  warnings: WarningList;
  /** Names the project's npm `overrides` pin: their range is not checked. */
  overridden: ReadonlySet<string>;
}

/**
 * Warns (ERR_LOCKFILE_OUT_OF_SYNC) when a root's package.json declares a
 * dependency that its lockfile lacks, under another name, or at a version
 * outside the declared range: the checks `npm ci` refuses to install on.
 */
export function checkRootDependency(check: RootDependencyCheck): void {
  const { dependency, node } = check;
  if (!check.resolved) {
    if (dependency.optional) return;
    report(check, 'but the lockfile has no such package');
    return;
  }
  if (!node || node.version === null) return;

  const alias = parseAlias(dependency.spec);
  const expected = alias?.name ?? dependency.name;
  if (node.name !== expected) {
    report(check, `but the lockfile installs ${node.name} there`);
    return;
  }
  if (node.source !== 'registry' && node.source !== 'alias') return;
  if (check.overridden.has(dependency.name)) return;
  const range = alias ? alias.range : dependency.spec;
  if (range === node.version || range === '' || range === '*') return;
  const parsed = parseRange(range);
  if (parsed && !parsed.test(node.version)) {
    report(check, `but the lockfile has version ${node.version}`);
  }
}

/** The range, or undefined for tags and other specs that are no range. */
function parseRange(range: string): semver.Range | undefined {
  try {
    return new semver.Range(range, { loose: true });
  } catch {
    return undefined;
  }
}

function report(check: RootDependencyCheck, what: string): void {
  const { dependency, root } = check;
  const where = root ? `${root}/package.json` : 'package.json';
  check.warnings.add(
    'ERR_LOCKFILE_OUT_OF_SYNC',
    `${where} declares ${dependency.name}@${dependency.spec} ${what}; ` +
      'run npm install to bring the lockfile up to date',
  );
}
