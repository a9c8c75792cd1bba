import type { DependencyGraph, Scope } from '../../core/model.js';
import type { ExtractionRequest } from '../types.js';
import { baseName, folderOf, GraphBuilder } from '../graph-builder.js';
import { scopeOfConfigurations } from './configurations.js';
import { readDeclaredModules } from './build-gradle.js';
import { projectName } from './gradle-project.js';

/**
 * True for Gradle lockfiles: `gradle.lockfile`, `buildscript-gradle.lockfile`,
 * `settings-gradle.lockfile` and the per-configuration files of Gradle
 * before 6 (`gradle/dependency-locks/<configuration>.lockfile`).
 */
export function isGradleLockfile(path: string): boolean {
  const name = baseName(path);
  if (/^((buildscript|settings)-)?gradle\.lockfile$/.test(name)) return true;
  return (
    name.endsWith('.lockfile') &&
    baseName(folderOf(path)) === 'dependency-locks'
  );
}

/** The project folder a lockfile belongs to. */
function projectFolder(path: string): string {
  const dir = folderOf(path);
  if (baseName(dir) !== 'dependency-locks') return dir;
  const gradleDir = folderOf(dir);
  return baseName(gradleDir) === 'gradle' ? folderOf(gradleDir) : gradleDir;
}

/**
 * Reads a Gradle lockfile: `group:artifact:version=conf1,conf2` lines (or
 * bare coordinates in per-configuration files), `empty=` skipped. No edges
 * are recorded by Gradle, so every module hangs off the project; those its
 * build script declares are direct (all are, without a build script).
 */
export async function extractGradleLockfile(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, text, repository } = request;
  const builder = new GraphBuilder('Maven');
  builder.addFile(file);
  const folder = projectFolder(file);
  const declared = await readDeclaredModules(repository, folder);
  if (declared) builder.addFile(declared.file);
  const root = builder.addRoot({
    key: `root:${folder}`,
    name: await projectName(repository, folder),
    path: folder,
    file: declared?.file ?? file,
  });
  const fixedScope = fileScope(file);

  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line || line.startsWith('#') || line.startsWith('empty=')) continue;
    const entry = parseLockLine(line);
    if (!entry) {
      builder.warn(
        file,
        'GRADLE_LOCK_LINE_INVALID',
        `"${line}" is not group:artifact:version=configurations; it is skipped`,
        i + 1,
      );
      continue;
    }
    const name = `${entry.group}:${entry.artifact}`;
    const scope = fixedScope ?? scopeOfConfigurations(entry.configurations);
    const direct = declared ? declared.modules.has(name) : true;
    const key = builder.addPackage({
      name,
      version: entry.version,
      scope,
      direct,
      file,
      line: i + 1,
    });
    builder.addEdge(root.key, key, scope);
  }
  return builder.graph;
}

/** Scope fixed by the file itself: build tooling, or one configuration. */
function fileScope(file: string): Scope | undefined {
  const name = baseName(file);
  if (name !== 'gradle.lockfile' && name.endsWith('gradle.lockfile'))
    return 'dev';
  if (baseName(folderOf(file)) === 'dependency-locks') {
    return scopeOfConfigurations([name.slice(0, -'.lockfile'.length)]);
  }
  return undefined;
}

interface LockLine {
  group: string;
  artifact: string;
  version: string;
  configurations: string[];
}

export function parseLockLine(line: string): LockLine | undefined {
  const eq = line.indexOf('=');
  const coordinates = eq < 0 ? line : line.slice(0, eq);
  const parts = coordinates.split(':');
  if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
  const [group, artifact, version] = parts as [string, string, string];
  const configurations =
    eq < 0
      ? []
      : line
          .slice(eq + 1)
          .split(',')
          .filter(Boolean);
  return { group, artifact, version, configurations };
}
