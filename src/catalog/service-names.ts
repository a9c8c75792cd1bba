import path from 'node:path';
import type { GraphRoot } from '../core/model.js';

const MAX_NAME = 63;

/**
 * Makes a Backstage-style name (letters, digits, `-_.`, at most 63): other
 * characters become `-`, runs collapse, ends are trimmed. Empty when
 * nothing usable remains.
 */
export function toEntityName(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/[-_.]{2,}/g, (run) => run.charAt(0))
    .replace(/^[-_.]+|[-_.]+$/g, '')
    .slice(0, MAX_NAME)
    .replace(/[-_.]+$/, '');
}

/**
 * The short name of a root's own package: a Maven artifactId, the last
 * segment of a Go module path (past a `/v2` major suffix), an npm scope
 * folded into the name (`@acme/web` → `acme-web`).
 */
export function packageShortName(root: GraphRoot): string {
  // Formats without a project name (Gemfile, requirements.txt, a .NET
  // lockfile) name their root after the file: that is no service name.
  const fileName = path.posix.basename(root.file);
  if (
    root.name === fileName ||
    /^(Gemfile|gems\.rb|requirements.*\.(txt|in)|packages\.lock\.json|Pipfile)$/.test(
      root.name,
    )
  ) {
    return '';
  }
  if (root.ecosystem === 'Maven') return root.name.split(':').pop() ?? '';
  if (root.ecosystem === 'Go') {
    const segments = root.name.split('/').filter((s) => !/^v\d+$/.test(s));
    return segments.pop() ?? '';
  }
  return root.name.replace(/^@/, '');
}

/**
 * The name of a service no descriptor covers: its first root's package
 * name, else the root's folder name, else the repository folder name.
 */
export function implicitServiceName(
  root: GraphRoot | undefined,
  folder: string,
  repository: string,
): string {
  const candidates = [
    root ? packageShortName(root) : '',
    path.posix.basename(folder),
    path.basename(repository),
  ];
  for (const candidate of candidates) {
    const name = toEntityName(candidate);
    if (name) return name;
  }
  return 'service';
}

/** True when a root names the component (`@acme/api` and `org:api` match `api`). */
export function rootMatchesName(root: GraphRoot, name: string): boolean {
  const wanted = name.toLowerCase();
  return [
    root.name,
    packageShortName(root),
    toEntityName(packageShortName(root)),
  ]
    .map((n) => n.toLowerCase())
    .some((n) => n === wanted || n.endsWith(`/${wanted}`));
}
