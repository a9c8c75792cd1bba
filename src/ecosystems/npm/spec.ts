import { buildPurl } from '../../core/purl.js';
import type { GraphPackage, Scope, SourceKind } from '../../core/model.js';

/**
 * Helpers shared by the npm extractors: what kind of source a version spec
 * or a `resolved` URL names, `npm:` aliases, and building a GraphPackage.
 */

const GIT_PREFIXES = [
  'git+',
  'git:',
  'github:',
  'gitlab:',
  'bitbucket:',
  'gist:',
];
// `user/repo` and `user/repo#ref` are GitHub shorthands in package.json.
const GITHUB_SHORTHAND = /^[\w.-]+\/[\w.-]+(?:#.*)?$/;
const TARBALL_FILE = /\.(?:tgz|tar\.gz|tar)$/i;
// Lower-case names and versions of unreserved characters only: packageurl-js
// leaves them as they are, so their purl can be written without it.
const PLAIN_NAME = /^(?:@[a-z0-9][a-z0-9_.~-]*\/)?[a-z0-9][a-z0-9_.~-]*$/;
const PLAIN_VERSION = /^[\w.+-]+$/;

/** The real package an `npm:` alias spec points at. */
export interface AliasTarget {
  name: string;
  /** The range or version after the `@` ('' when none was given). */
  range: string;
}

/** Parses `npm:bar@^1.2.3` (or `npm:@scope/bar@1`); undefined when not an alias. */
export function parseAlias(spec: string): AliasTarget | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const rest = spec.slice(4);
  const at = rest.indexOf('@', rest.startsWith('@') ? 1 : 0);
  if (at < 0) return { name: rest, range: '' };
  return { name: rest.slice(0, at), range: rest.slice(at + 1) };
}

/**
 * The source kind of a lockfile `resolved` value (or a v1 `version` that is
 * not a plain version). Registry tarballs are recognised by the `/-/`
 * segment every npm-compatible registry uses, so private registries count.
 */
export function sourceOfResolved(resolved: string | undefined): SourceKind {
  if (!resolved) return 'registry';
  if (GIT_PREFIXES.some((prefix) => resolved.startsWith(prefix))) return 'git';
  if (resolved.startsWith('file:')) {
    return TARBALL_FILE.test(resolved) ? 'file' : 'link';
  }
  if (resolved.startsWith('http:') || resolved.startsWith('https:')) {
    return resolved.includes('/-/') ? 'registry' : 'tarball';
  }
  return 'registry';
}

/** The source kind of a version spec as written in package.json. */
export function sourceOfSpec(spec: string): SourceKind {
  if (spec.startsWith('npm:')) return 'alias';
  if (spec.startsWith('workspace:')) return 'workspace';
  if (spec.startsWith('link:')) return 'link';
  if (spec.startsWith('file:')) return sourceOfResolved(spec);
  if (spec.startsWith('http:') || spec.startsWith('https:')) return 'tarball';
  if (GIT_PREFIXES.some((prefix) => spec.startsWith(prefix))) return 'git';
  if (GITHUB_SHORTHAND.test(spec)) return 'git';
  return 'registry';
}

/** The skip reason for a package whose version the lockfile does not give. */
export function skipReasonOf(source: SourceKind): string {
  switch (source) {
    case 'git':
      return 'git-dependency';
    case 'file':
    case 'link':
      return 'local-dependency';
    case 'tarball':
      return 'tarball-dependency';
    default:
      return 'unresolved';
  }
}

/**
 * The purl of an npm package version: the same string as `buildPurl('npm',
 * name, version)`, written directly for the plain names and versions that
 * make up nearly every lockfile, since packageurl-js costs more than the
 * rest of the extraction per package. Anything else goes through buildPurl.
 */
export function npmPurl(name: string, version: string | null): string {
  if (
    !PLAIN_NAME.test(name) ||
    (version !== null && !PLAIN_VERSION.test(version))
  ) {
    return buildPurl('npm', name, version);
  }
  const base = name.startsWith('@')
    ? `pkg:npm/%40${name.slice(1)}`
    : `pkg:npm/${name}`;
  return version ? `${base}@${version}` : base;
}

/** What {@link buildNpmPackage} needs to know about one installed package. */
export interface NpmPackageInput {
  key: string;
  name: string;
  version: string | null;
  declared?: string;
  source: SourceKind;
  scope: Scope;
  direct?: boolean;
  file: string;
  skipReason?: string;
  bundled?: boolean;
}

/** Builds a GraphPackage of the npm ecosystem, with its purl. */
export function buildNpmPackage(input: NpmPackageInput): GraphPackage {
  const pkg: GraphPackage = {
    key: input.key,
    ecosystem: 'npm',
    name: input.name,
    version: input.version,
    purl: npmPurl(input.name, input.version),
    source: input.source,
    scope: input.scope,
    direct: input.direct ?? false,
    file: input.file,
  };
  if (input.declared !== undefined) pkg.declared = input.declared;
  if (input.skipReason !== undefined) pkg.skipReason = input.skipReason;
  if (input.bundled) pkg.bundled = true;
  return pkg;
}
