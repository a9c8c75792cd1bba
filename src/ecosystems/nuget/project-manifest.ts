import type {
  DependencyGraph,
  GraphPackage,
  GraphRoot,
} from '../../core/model.js';
import { buildPurl, normalizePackageName } from '../../core/purl.js';
import type { ExtractionRequest, Extractor } from '../types.js';
import {
  loadProject,
  PROJECT_FILE,
  type DeclaredReference,
} from './project-context.js';
import { dirOf, parseMsbuildFile } from './project-file.js';
import { pinnedVersion } from './versions.js';

function toPackage(reference: DeclaredReference, file: string): GraphPackage {
  const name = normalizePackageName('NuGet', reference.name);
  const version = pinnedVersion(reference.declared);
  const pkg: GraphPackage = {
    key: `${name}@${reference.declared ?? ''}`,
    ecosystem: 'NuGet',
    name,
    version,
    declared: reference.declared ?? '',
    purl: buildPurl('NuGet', name, version),
    source: 'registry',
    scope: 'prod',
    direct: true,
    file,
  };
  if (!version) pkg.skipReason = 'unresolved';
  return pkg;
}

/**
 * Reads a project file that no packages.lock.json consumed: its
 * PackageReferences (with Directory.Build.props and central versions from
 * Directory.Packages.props) and its ProjectReferences as root → root edges.
 */
export async function extractProjectFile(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const project = await loadProject(
    request.repository,
    parseMsbuildFile(request.text, request.path),
  );
  const rootKey = `root:${project.file}`;
  const roots: GraphRoot[] = [
    {
      key: rootKey,
      name: project.name,
      path: project.dir,
      ecosystem: 'NuGet',
      file: project.file,
    },
  ];
  const packages = project.references.map((r) => toPackage(r, project.file));
  const edges = packages.map((p) => ({
    from: rootKey,
    to: p.key,
    scope: p.scope,
  }));
  for (const path of project.project.projectReferences) {
    const key = `root:${path}`;
    const base = path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    roots.push({
      key,
      name: base,
      path: dirOf(path),
      ecosystem: 'NuGet',
      file: path,
    });
    edges.push({ from: rootKey, to: key, scope: 'prod' });
  }
  return { roots, packages, edges, files: project.files, warnings: [] };
}

/** A .csproj, .fsproj or .vbproj without a lockfile: declared references only. */
export const projectFileExtractor: Extractor = {
  id: 'nuget-project-file',
  ecosystem: 'NuGet',
  kind: 'manifest',
  matches: (path) => PROJECT_FILE.test(path),
  extract: extractProjectFile,
};
