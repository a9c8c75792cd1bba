import { ATTRIBUTE, elementOf, listOf, parseXml, textOf } from './xml.js';

/** One `PackageReference` (or `PackageVersion`) item of an MSBuild file. */
export interface MsbuildPackageItem {
  /** `Include`, or `Update` when the item only updates a reference. */
  name: string;
  update: boolean;
  /** `Version` attribute or child element, as written. */
  version?: string;
  versionOverride?: string;
  /** `PrivateAssets="all"`: a build-time tool or analyzer. */
  privateAssets: boolean;
}

/** The parts of a .csproj/.fsproj/.vbproj or .props file extraction reads. */
export interface MsbuildFile {
  file: string;
  properties: Record<string, string>;
  packageReferences: MsbuildPackageItem[];
  packageVersions: MsbuildPackageItem[];
  /** Repository-relative paths of referenced projects. */
  projectReferences: string[];
}

const ARRAYS = new Set([
  'PropertyGroup',
  'ItemGroup',
  'PackageReference',
  'PackageVersion',
  'ProjectReference',
  'Choose',
  'When',
  'Otherwise',
]);

/** Repository-relative folder of a file ('' at the root). */
export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** Joins a folder and a relative path (either slash), resolving `.` and `..`. */
export function joinPath(dir: string, relative: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const part of relative.split(/[\\/]/)) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

function attribute(element: Record<string, unknown>, name: string) {
  const value = element[ATTRIBUTE + name] ?? element[name];
  return textOf(value)?.trim();
}

function toItem(value: unknown): MsbuildPackageItem | undefined {
  const element = elementOf(value);
  const include = attribute(element, 'Include');
  const update = attribute(element, 'Update');
  const name = include ?? update;
  if (!name) return undefined;
  return {
    name,
    update: include === undefined,
    version: attribute(element, 'Version'),
    versionOverride: attribute(element, 'VersionOverride'),
    privateAssets: attribute(element, 'PrivateAssets')?.toLowerCase() === 'all',
  };
}

// Conditions are not evaluated: items under Choose/When count everywhere.
function collect(node: Record<string, unknown>, out: MsbuildFile, dir: string) {
  for (const group of listOf(node.PropertyGroup)) {
    for (const [key, value] of Object.entries(elementOf(group))) {
      const text = textOf(value);
      if (!key.startsWith(ATTRIBUTE) && text !== undefined)
        out.properties[key] = text.trim();
    }
  }
  for (const group of listOf(node.ItemGroup)) {
    const items = elementOf(group);
    for (const ref of listOf(items.PackageReference)) {
      const item = toItem(ref);
      if (item) out.packageReferences.push(item);
    }
    for (const ref of listOf(items.PackageVersion)) {
      const item = toItem(ref);
      if (item) out.packageVersions.push(item);
    }
    for (const ref of listOf(items.ProjectReference)) {
      const include = attribute(elementOf(ref), 'Include');
      if (include) out.projectReferences.push(joinPath(dir, include));
    }
  }
  for (const choose of listOf(node.Choose)) {
    const branches = elementOf(choose);
    for (const branch of [
      ...listOf(branches.When),
      ...listOf(branches.Otherwise),
    ])
      collect(elementOf(branch), out, dir);
  }
}

/**
 * Parses an MSBuild project or props file. Throws InputError
 * ERR_XML_DOCTYPE or ERR_MANIFEST_SYNTAX.
 */
export function parseMsbuildFile(text: string, file: string): MsbuildFile {
  const xml = parseXml(text, file, {
    arrays: ARRAYS,
    code: 'ERR_MANIFEST_SYNTAX',
  });
  const out: MsbuildFile = {
    file,
    properties: {},
    packageReferences: [],
    packageVersions: [],
    projectReferences: [],
  };
  collect(elementOf(xml.Project), out, dirOf(file));
  return out;
}
