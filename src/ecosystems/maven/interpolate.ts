/**
 * `${...}` interpolation as Maven's model builder does it: project fields
 * (`project.*`, `pom.*`, bare), parent fields, user properties (from
 * `.mvn/maven.config`) over POM properties, nested references, cycles
 * detected. Environment and Java system properties are unknown here and
 * stay as written, reported once per key.
 */

/** Project fields interpolation may refer to. */
export interface ProjectFields {
  groupId?: string;
  artifactId?: string;
  version?: string;
  packaging?: string;
  parent?: { groupId: string; artifactId: string; version: string };
  /** Repository-relative folder of the POM. */
  basedir?: string;
}

export interface PropertySources {
  project: ProjectFields;
  /** Merged POM properties, the child's winning over its parents'. */
  properties: ReadonlyMap<string, string>;
  /** `-D` properties, as from `.mvn/maven.config`; they override the POM. */
  userProperties?: ReadonlyMap<string, string>;
}

/** Why a reference stayed unresolved. */
export type UnresolvedReason = 'unknown' | 'environment' | 'cycle';

export type UnresolvedHandler = (key: string, reason: UnresolvedReason) => void;

const REFERENCE = /\$\{([^}]+)\}/g;

function projectField(fields: ProjectFields, path: string): string | undefined {
  switch (path) {
    case 'groupId':
      return fields.groupId ?? fields.parent?.groupId;
    case 'artifactId':
      return fields.artifactId;
    case 'version':
      return fields.version ?? fields.parent?.version;
    case 'packaging':
      return fields.packaging ?? 'jar';
    case 'basedir':
      return fields.basedir;
    case 'parent.groupId':
      return fields.parent?.groupId;
    case 'parent.artifactId':
      return fields.parent?.artifactId;
    case 'parent.version':
      return fields.parent?.version;
    default:
      return undefined;
  }
}

/** Looks a key up without expanding what it finds. */
export function lookupProperty(
  sources: PropertySources,
  key: string,
): string | undefined {
  const user = sources.userProperties?.get(key);
  if (user !== undefined) return user;
  for (const prefix of ['project.', 'pom.']) {
    if (key.startsWith(prefix)) {
      return projectField(sources.project, key.slice(prefix.length));
    }
  }
  const property = sources.properties.get(key);
  if (property !== undefined) return property;
  if (key.startsWith('parent.') || key === 'basedir') {
    return projectField(sources.project, key);
  }
  // Maven 2 style bare names still work in Maven 3.
  if (key === 'groupId' || key === 'artifactId' || key === 'version') {
    return projectField(sources.project, key);
  }
  return undefined;
}

function reasonFor(key: string): UnresolvedReason {
  return key.startsWith('env.') || /^(java|os|user|file|line|path)\./.test(key)
    ? 'environment'
    : 'unknown';
}

function expand(
  value: string,
  sources: PropertySources,
  active: Set<string>,
  onUnresolved?: UnresolvedHandler,
): string {
  if (!value.includes('${')) return value;
  return value.replace(REFERENCE, (whole, key: string) => {
    if (active.has(key)) {
      onUnresolved?.(key, 'cycle');
      return whole;
    }
    const found = lookupProperty(sources, key);
    if (found === undefined) {
      onUnresolved?.(key, reasonFor(key));
      return whole;
    }
    active.add(key);
    const result = expand(found, sources, active, onUnresolved);
    active.delete(key);
    return result;
  });
}

/**
 * Replaces every `${key}` in `value`. Unknown keys and cycles stay as
 * written and are passed to `onUnresolved`.
 *
 * @example interpolate('${a}-x', { project: {}, properties: new Map([['a', '1']]) }) // '1-x'
 */
export function interpolate(
  value: string,
  sources: PropertySources,
  onUnresolved?: UnresolvedHandler,
): string {
  return expand(value, sources, new Set(), onUnresolved);
}

/** True when a value still holds a `${...}` reference. */
export function hasReference(value: string | undefined): boolean {
  return value !== undefined && /\$\{[^}]+\}/.test(value);
}

/**
 * Reads `-Dkey=value` (also `-D key=value`, `--define`) from the text of
 * `.mvn/maven.config`; other options are ignored.
 */
export function parseMavenConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i] as string;
    if (token === '-D' || token === '--define') token = tokens[++i] ?? '';
    else if (token.startsWith('-D')) token = token.slice(2);
    else if (token.startsWith('--define=')) token = token.slice(9);
    else continue;
    const equals = token.indexOf('=');
    const key = equals < 0 ? token : token.slice(0, equals);
    const value = equals < 0 ? 'true' : token.slice(equals + 1);
    if (key !== '') out.set(key, value.replace(/^"(.*)"$/, '$1'));
  }
  return out;
}
