import type { VersionCatalog } from './version-catalog.js';
import { accessorKey, isExactVersion } from './version-catalog.js';

/** One dependency a build script declares. */
export interface Declaration {
  configuration: string;
  group: string;
  artifact: string;
  /** The exact version asked for; null for ranges, variables left open, none. */
  version: string | null;
  /** The version as written, after variables were filled in. */
  declared?: string;
  line: number;
  /** The catalog accessor it came through (`libs.x.y`), if any. */
  accessor?: string;
}

export interface BuildScript {
  declarations: Declaration[];
  problems: { line: number; message: string }[];
  /** True when some declaration came from the version catalog. */
  usedCatalog: boolean;
}

const CONFIGURATION = String.raw`((?:[a-z][A-Za-z0-9]*)?(?:[Ii]mplementation|[Aa]pi|[Cc]ompile|[Rr]untime|[Cc]ompileOnly|[Rr]untimeOnly|[Cc]lasspath|[Aa]nnotationProcessor|[Kk]apt|[Kk]sp|[Pp]lugins|[Dd]esugaring|[Ll]intChecks))`;
const WRAP = String.raw`\s*\(?\s*(?:(?:enforcedPlatform|platform|testFixtures)\s*\(\s*)?`;
const STRING_NOTATION = new RegExp(
  String.raw`^\s*${CONFIGURATION}${WRAP}(['"])([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::([^'":@]*))?(?::[^'"@]*)?(?:@\w+)?\2`,
);
const MAP_NOTATION = new RegExp(
  String.raw`^\s*${CONFIGURATION}\s*\(?\s*group\s*[:=]`,
);
const CATALOG = new RegExp(
  String.raw`^\s*${CONFIGURATION}${WRAP}libs\.([A-Za-z0-9_.]+)`,
);
const ASSIGNMENT =
  /^\s*(?:ext\.|val |var |def |extra\[")?([A-Za-z_][A-Za-z0-9_]*)"?\]?\s*=\s*['"]([^'"$]+)['"]/;

/**
 * Finds dependency declarations in a build.gradle or build.gradle.kts by
 * line: string notation (`'g:a:v'`), map notation (`group: 'g', name:
 * 'a', version: 'v'`) and catalog accessors (`libs.x.y`, `libs.bundles.z`).
 * `$name` and `${name}` versions are filled from simple assignments in the
 * script and from `properties` (gradle.properties).
 */
export function parseBuildScript(
  text: string,
  options: { catalog?: VersionCatalog; properties?: Map<string, string> } = {},
): BuildScript {
  const variables = new Map(options.properties);
  const lines = text.split('\n');
  for (const line of lines) {
    const assignment = ASSIGNMENT.exec(line);
    if (assignment)
      variables.set(assignment[1] as string, assignment[2] as string);
  }
  const script: BuildScript = {
    declarations: [],
    problems: [],
    usedCatalog: false,
  };
  lines.forEach((raw, index) => {
    const line = raw.replace(/^\s*\/\/.*$/, '');
    if (line.trim() === '') return;
    readLine(script, {
      line,
      number: index + 1,
      variables,
      catalog: options.catalog,
    });
  });
  return script;
}

interface LineContext {
  line: string;
  number: number;
  variables: Map<string, string>;
  catalog?: VersionCatalog;
}

function readLine(script: BuildScript, context: LineContext): void {
  const { line, number, variables } = context;
  const plain = STRING_NOTATION.exec(line);
  if (plain) {
    const [, configuration, , group, artifact, version] = plain as unknown as [
      string,
      string,
      string,
      string,
      string,
      string | undefined,
    ];
    script.declarations.push(
      declaration({
        configuration,
        group,
        artifact,
        raw: version,
        line: number,
        variables,
      }),
    );
    return;
  }
  if (MAP_NOTATION.test(line)) {
    const configuration = MAP_NOTATION.exec(line)?.[1] as string;
    const group = mapValue(line, 'group');
    const artifact = mapValue(line, 'name');
    if (group && artifact) {
      script.declarations.push(
        declaration({
          configuration,
          group,
          artifact,
          raw: mapValue(line, 'version'),
          line: number,
          variables,
        }),
      );
    }
    return;
  }
  const accessor = CATALOG.exec(line);
  if (accessor)
    readCatalogAccessor(
      script,
      context,
      accessor[1] as string,
      accessor[2] as string,
    );
}

function readCatalogAccessor(
  script: BuildScript,
  context: LineContext,
  configuration: string,
  path: string,
): void {
  const key = accessorKey(path.replace(/\.get$/, ''));
  const catalog = context.catalog;
  const bundle = key.startsWith('bundles.')
    ? catalog?.bundles.get(key.slice(8))
    : undefined;
  const keys = bundle ?? [key];
  for (const member of keys) {
    const library = catalog?.libraries.get(member);
    if (!library) {
      script.problems.push({
        line: context.number,
        message: `libs.${path} is not a library of the version catalog`,
      });
      continue;
    }
    script.usedCatalog = true;
    const { group, artifact, version, declared } = library;
    script.declarations.push({
      configuration,
      group,
      artifact,
      version,
      declared,
      line: context.number,
      accessor: `libs.${path}`,
    });
  }
}

const MAP_KEYS = {
  group: mapKey('group'),
  name: mapKey('name'),
  version: mapKey('version'),
};

function mapKey(key: string): RegExp {
  return new RegExp(
    String.raw`\b${key}\s*[:=]\s*(?:(['"])([^'"]+)\1|([A-Za-z_][A-Za-z0-9_]*))`,
  );
}

/** A map-notation value: quoted text, or a bare variable as `$name`. */
function mapValue(
  line: string,
  key: keyof typeof MAP_KEYS,
): string | undefined {
  const match = MAP_KEYS[key].exec(line);
  if (!match) return undefined;
  return match[2] ?? `$${match[3]}`;
}

interface DeclarationInput {
  configuration: string;
  group: string;
  artifact: string;
  raw: string | undefined;
  line: number;
  variables: Map<string, string>;
}

function declaration(input: DeclarationInput): Declaration {
  const { configuration, group, artifact, line } = input;
  if (!input.raw)
    return { configuration, group, artifact, version: null, line };
  const declared = input.raw.replace(
    /\$\{?([A-Za-z_][A-Za-z0-9_.]*)\}?/g,
    (whole, name: string) => input.variables.get(name) ?? whole,
  );
  const version = isExactVersion(declared) ? declared : null;
  return { configuration, group, artifact, version, declared, line };
}
