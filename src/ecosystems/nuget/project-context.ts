import type { RepositoryFiles } from '../types.js';
import {
  dirOf,
  parseMsbuildFile,
  type MsbuildFile,
  type MsbuildPackageItem,
} from './project-file.js';

/** A PackageReference with its version looked up through props files. */
export interface DeclaredReference {
  name: string;
  /** The version spec after central versions and `$(Property)` substitution. */
  declared?: string;
  privateAssets: boolean;
}

/** A project file with the Directory.*.props files that apply to it. */
export interface ProjectContext {
  file: string;
  dir: string;
  /** The project's file name without extension (`Api` for Api.csproj). */
  name: string;
  project: MsbuildFile;
  references: DeclaredReference[];
  /** Every file read: the project and the props files found. */
  files: string[];
}

const PROPERTY = /\$\(([\w.-]+)\)/g;

/** The nearest file of this name in the folder or one of its parents. */
function nearest(repository: RepositoryFiles, dir: string, name: string) {
  const known = new Set(repository.paths);
  for (let current = dir; ; current = dirOf(current)) {
    const path = current ? `${current}/${name}` : name;
    if (known.has(path)) return path;
    if (!current) return undefined;
  }
}

async function readMsbuild(repository: RepositoryFiles, file?: string) {
  if (!file) return undefined;
  const text = await repository.readText(file);
  return text === undefined ? undefined : parseMsbuildFile(text, file);
}

function substitute(
  value: string | undefined,
  properties: Record<string, string>,
) {
  return value?.replace(
    PROPERTY,
    (whole, key: string) => properties[key] ?? whole,
  );
}

function applyItems(
  references: Map<string, MsbuildPackageItem>,
  items: MsbuildPackageItem[],
): void {
  for (const item of items) {
    const key = item.name.toLowerCase();
    const known = references.get(key);
    if (!item.update) references.set(key, { ...item });
    else if (known)
      references.set(key, { ...known, ...definedOf(item), update: false });
  }
}

function definedOf(item: MsbuildPackageItem): Partial<MsbuildPackageItem> {
  return Object.fromEntries(
    Object.entries(item).filter(([, v]) => v !== undefined && v !== false),
  );
}

/** Reads a project file and the Directory.Build.props / Directory.Packages.props above it. */
export async function loadProject(
  repository: RepositoryFiles,
  project: MsbuildFile,
): Promise<ProjectContext> {
  const dir = dirOf(project.file);
  const build = await readMsbuild(
    repository,
    nearest(repository, dir, 'Directory.Build.props'),
  );
  const central = await readMsbuild(
    repository,
    nearest(repository, dir, 'Directory.Packages.props'),
  );
  const properties = {
    ...build?.properties,
    ...central?.properties,
    ...project.properties,
  };
  const versions = new Map(
    (central?.packageVersions ?? []).map((v) => [
      v.name.toLowerCase(),
      v.version,
    ]),
  );
  const items = new Map<string, MsbuildPackageItem>();
  applyItems(items, build?.packageReferences ?? []);
  applyItems(items, central?.packageReferences ?? []);
  applyItems(items, project.packageReferences);
  const references = [...items.values()].map((item) => ({
    name: item.name,
    declared: substitute(
      item.versionOverride ??
        item.version ??
        versions.get(item.name.toLowerCase()),
      properties,
    ),
    privateAssets: item.privateAssets,
  }));
  const base = project.file.slice(dir ? dir.length + 1 : 0);
  return {
    file: project.file,
    dir,
    name: base.replace(/\.[^.]+$/, ''),
    project,
    references,
    files: [project.file, build?.file, central?.file].filter(
      (f): f is string => f !== undefined,
    ),
  };
}

/** Project files of the repository, matched by extension. */
export const PROJECT_FILE = /\.(?:cs|fs|vb)proj$/i;

/** The project file in a folder (the first by name when there are several). */
export function projectFileIn(repository: RepositoryFiles, dir: string) {
  const prefix = dir ? `${dir}/` : '';
  return repository.paths.find(
    (p) =>
      p.startsWith(prefix) &&
      !p.slice(prefix.length).includes('/') &&
      PROJECT_FILE.test(p),
  );
}
