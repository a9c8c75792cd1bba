import path from 'node:path';
import type { TechStack } from '../core/catalog.js';
import type { DependencyGraph, EcosystemName } from '../core/model.js';
import {
  ECOSYSTEM_LANGUAGES,
  FILE_SIGNALS,
  FRAMEWORKS,
} from './stack-tables.js';

/** What the stack of one service is read from. */
export interface TechStackInput {
  /** Files the service's graphs consumed (repository-relative). */
  consumedFiles: readonly string[];
  /** Ecosystems of the service's roots, used when no file name speaks. */
  ecosystems: readonly EcosystemName[];
  /** The service's direct dependencies. */
  directPackages: ReadonlyArray<{ ecosystem: EcosystemName; name: string }>;
  /** Every listed file of the repository, for tsconfig.json. */
  repositoryFiles: readonly string[];
  /** Repository-relative folder of the service ('' for the root). */
  servicePath: string;
}

/** `react` or a prefix such as `org.springframework.boot:` → framework. */
export function frameworkOf(
  ecosystem: EcosystemName,
  name: string,
): string | undefined {
  const table = FRAMEWORKS[ecosystem];
  if (!table) return undefined;
  const key = ecosystem === 'NuGet' ? name.toLowerCase() : name;
  if (table[key]) return table[key];
  for (const [prefix, framework] of Object.entries(table)) {
    if (/[:./]$/.test(prefix) && key.startsWith(prefix)) return framework;
  }
  return undefined;
}

function hasTypeScript(input: TechStackInput): boolean {
  const prefix = input.servicePath ? `${input.servicePath}/` : '';
  const usesTsconfig = input.repositoryFiles.some(
    (f) =>
      f.startsWith(prefix) &&
      /^tsconfig(?:\..+)?\.json$/.test(path.posix.basename(f)),
  );
  return (
    usesTsconfig ||
    input.directPackages.some(
      (p) => p.ecosystem === 'npm' && p.name === 'typescript',
    )
  );
}

/**
 * Languages and package managers from the names of the files the service's
 * graphs consumed (package-lock.json → npm, pom.xml → maven and Java, ...),
 * TypeScript from a tsconfig*.json in the service's folder or below, and
 * main frameworks from its direct dependencies. Sorted lists.
 */
export function detectTechStack(input: TechStackInput): TechStack {
  const languages = new Set<string>();
  const packageManagers = new Set<string>();
  for (const file of input.consumedFiles) {
    const name = path.posix.basename(file);
    const signal = FILE_SIGNALS.find((s) => s.test(name));
    signal?.languages.forEach((l) => languages.add(l));
    signal?.packageManagers.forEach((m) => packageManagers.add(m));
  }
  if (languages.size === 0) {
    input.ecosystems.forEach((e) => languages.add(ECOSYSTEM_LANGUAGES[e]));
  }
  if (hasTypeScript(input)) languages.add('TypeScript');
  if (
    input.directPackages.some((p) => p.name.startsWith('org.jetbrains.kotlin:'))
  ) {
    languages.add('Kotlin');
  }

  const frameworks = new Set<string>();
  for (const { ecosystem, name } of input.directPackages) {
    const framework = frameworkOf(ecosystem, name);
    if (framework) frameworks.add(framework);
  }
  return {
    languages: [...languages].sort(),
    packageManagers: [...packageManagers].sort(),
    frameworks: [...frameworks].sort(),
  };
}

/** Direct packages of the given roots: edges from them, else `direct` flags. */
export function directPackagesOf(
  graph: DependencyGraph,
  rootKeys: readonly string[],
): Array<{ ecosystem: EcosystemName; name: string }> {
  const roots = new Set(rootKeys);
  const targets = new Set(
    graph.edges.filter((e) => roots.has(e.from)).map((e) => e.to),
  );
  const allRoots = graph.roots.every((r) => roots.has(r.key));
  return graph.packages
    .filter((p) => targets.has(p.key) || (allRoots && p.direct))
    .map((p) => ({ ecosystem: p.ecosystem, name: p.name }));
}
