import { asString, asTable, parseTomlFile } from '../toml.js';

/** One `[libraries]` entry of a version catalog. */
export interface CatalogLibrary {
  alias: string;
  group: string;
  artifact: string;
  /** The version asked for, when it is one exact version. */
  version: string | null;
  /** The version as written (a range, a rich version), when there is one. */
  declared?: string;
  line?: number;
}

export interface VersionCatalog {
  file: string;
  /** Libraries by accessor key (`androidx.core.ktx` for `androidx-core-ktx`). */
  libraries: Map<string, CatalogLibrary>;
  /** Bundles by accessor key, as lists of library accessor keys. */
  bundles: Map<string, string[]>;
  problems: { line?: number; message: string }[];
}

/** `androidx-core_ktx` and `androidx.core.ktx` are the same accessor. */
export function accessorKey(alias: string): string {
  return alias.replace(/[-_.]/g, '.').toLowerCase();
}

/** Parses a `libs.versions.toml`. Throws InputError on invalid TOML. */
export function parseVersionCatalog(
  text: string,
  file: string,
): VersionCatalog {
  const toml = parseTomlFile(text, file);
  const versions = asTable(toml.versions) ?? {};
  const lines = aliasLines(text);
  const catalog: VersionCatalog = {
    file,
    libraries: new Map(),
    bundles: new Map(),
    problems: [],
  };
  for (const [alias, value] of Object.entries(asTable(toml.libraries) ?? {})) {
    const line = lines.get(alias);
    const library = libraryOf(alias, value, versions);
    if (library)
      catalog.libraries.set(accessorKey(alias), { ...library, line });
    else
      catalog.problems.push({
        line,
        message: `library "${alias}" has no group and name`,
      });
  }
  for (const [alias, value] of Object.entries(asTable(toml.bundles) ?? {})) {
    const members = Array.isArray(value)
      ? value.filter((v) => typeof v === 'string')
      : [];
    catalog.bundles.set(accessorKey(alias), members.map(accessorKey));
  }
  return catalog;
}

function libraryOf(
  alias: string,
  value: unknown,
  versions: Record<string, unknown>,
): Omit<CatalogLibrary, 'line'> | undefined {
  const text = asString(value);
  if (text) {
    const [group, artifact, version] = text.split(':');
    if (!group || !artifact) return undefined;
    return { alias, group, artifact, ...versionOf(version, versions) };
  }
  const table = asTable(value);
  if (!table) return undefined;
  const [moduleGroup, moduleName] = (asString(table.module) ?? '').split(':');
  const group = moduleGroup || asString(table.group);
  const artifact = moduleName || asString(table.name);
  if (!group || !artifact) return undefined;
  return { alias, group, artifact, ...versionOf(table.version, versions) };
}

/** A catalog version: a string, `{ ref = "x" }` or a rich version table. */
function versionOf(
  value: unknown,
  versions: Record<string, unknown>,
): { version: string | null; declared?: string } {
  const table = asTable(value);
  const ref = asString(table?.ref);
  if (ref !== undefined) return versionOf(versions[ref], {});
  const text =
    asString(value) ??
    asString(table?.strictly) ??
    asString(table?.require) ??
    asString(table?.prefer);
  if (text === undefined) return { version: null };
  return { version: isExactVersion(text) ? text : null, declared: text };
}

/** False for ranges (`[1,2)`), dynamic versions (`1.+`) and `latest.*`. */
export function isExactVersion(version: string): boolean {
  return !/[[\]()+,$*]|^latest\./.test(version) && version.trim() !== '';
}

/** Line of each `alias =` under `[libraries]`, by a line scan. */
function aliasLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let inLibraries = false;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('[')) inLibraries = line === '[libraries]';
    const alias = inLibraries ? /^([A-Za-z0-9_.-]+)\s*=/.exec(line) : null;
    if (alias) lines.set(alias[1] as string, index + 1);
  });
  return lines;
}
