import { normalizePackageName } from '../../core/purl.js';
import type { Scope } from '../../core/model.js';
import type { RepositoryFiles } from '../types.js';
import { baseName, joinPath, widerScope } from '../graph-builder.js';
import { parseRequirement } from './pep508.js';
import { asString, asTable, parseTomlFile, type TomlTable } from '../toml.js';

/** What a pyproject.toml (or Pipfile) declares, by normalised name. */
export interface DeclaredDependencies {
  /** Repository-relative path of the manifest read, if any. */
  file?: string;
  /** The project's own name, or its folder's name. */
  name: string;
  /** Declared scope and specifier per normalised package name. */
  dependencies: Map<string, { scope: Scope; declared: string }>;
}

/**
 * Reads `dir/pyproject.toml` when present: PEP 621 `[project]` (with
 * optional-dependencies), PEP 735 `[dependency-groups]`, poetry's
 * `[tool.poetry.*dependencies]` and groups, pdm's and uv's dev lists.
 * A group named `main` is prod; every other group is dev.
 */
export async function readPyproject(
  repository: RepositoryFiles,
  dir: string,
): Promise<DeclaredDependencies> {
  const file = joinPath(dir, 'pyproject.toml');
  const text = await repository.readText(file);
  const fallback = baseName(dir);
  if (text === undefined) return { name: fallback, dependencies: new Map() };
  const toml = parseTomlFile(text, file);
  const project = asTable(toml.project) ?? {};
  const tool = asTable(toml.tool) ?? {};
  const poetry = asTable(tool.poetry) ?? {};
  const declared = new Map<string, { scope: Scope; declared: string }>();
  const add = (name: string, scope: Scope, spec: string) => {
    if (name.toLowerCase() === 'python') return;
    const key = normalizePackageName('PyPI', name);
    const seen = declared.get(key);
    declared.set(key, {
      scope: seen ? widerScope(seen.scope, scope) : scope,
      declared: seen?.declared ?? spec,
    });
  };

  addRequirementList(project.dependencies, 'prod', add);
  for (const list of Object.values(
    asTable(project['optional-dependencies']) ?? {},
  )) {
    addRequirementList(list, 'optional', add);
  }
  for (const list of Object.values(asTable(toml['dependency-groups']) ?? {})) {
    addRequirementList(list, 'dev', add);
  }
  addPoetryTable(poetry.dependencies, 'prod', add);
  addPoetryTable(poetry['dev-dependencies'], 'dev', add);
  for (const [group, body] of Object.entries(asTable(poetry.group) ?? {})) {
    const scope = group === 'main' ? 'prod' : 'dev';
    addPoetryTable(asTable(body)?.dependencies, scope, add);
  }
  for (const list of Object.values(
    asTable(asTable(tool.pdm)?.['dev-dependencies']) ?? {},
  )) {
    addRequirementList(list, 'dev', add);
  }
  addRequirementList(asTable(tool.uv)?.['dev-dependencies'], 'dev', add);

  const name = asString(project.name) ?? asString(poetry.name) ?? fallback;
  return { file, name, dependencies: declared };
}

type Add = (name: string, scope: Scope, spec: string) => void;

function addRequirementList(value: unknown, scope: Scope, add: Add): void {
  if (!Array.isArray(value)) return;
  for (const item of value) {
    // PEP 735 groups may hold `{ include-group = "x" }`; those add nothing new.
    const requirement =
      typeof item === 'string' ? parseRequirement(item) : undefined;
    if (requirement) {
      add(
        requirement.name,
        scope,
        requirement.url ?? (requirement.specifier || '*'),
      );
    }
  }
}

/** Poetry's `name = "^1.0"` or `name = { version = "^1.0", optional = true }`. */
function addPoetryTable(value: unknown, scope: Scope, add: Add): void {
  for (const [name, spec] of Object.entries(asTable(value) ?? {})) {
    const table: TomlTable | undefined = Array.isArray(spec)
      ? asTable(spec[0])
      : asTable(spec);
    const optional = table?.optional === true && scope === 'prod';
    const text =
      asString(spec) ??
      asString(table?.version) ??
      asString(table?.git) ??
      asString(table?.path) ??
      asString(table?.url) ??
      '*';
    add(name, optional ? 'optional' : scope, text);
  }
}
