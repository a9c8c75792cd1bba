import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ECOSYSTEMS, type EcosystemName } from '../core/model.js';
import { parseYaml } from '../core/yaml.js';
import { seededRandom } from './measure.js';
import { ZipFileWriter } from './zip-writer.js';

/** The real advisory databases under `../shared/advisories` used as templates. */
const TEMPLATE_FOLDERS = [
  'github-advisory-database',
  'golang-vulndb',
  'pypa-advisory-database',
  'rustsec-advisory-db',
];
const KNOWN = new Set<string>(ECOSYSTEMS);
/** How far back a record may reach for the alias it shares. */
const ALIAS_REACH = 5_000;

/** A package name the organisation uses, weighted by how often. */
export interface UsedPackageName {
  ecosystem: EcosystemName;
  name: string;
  /** Relative popularity (default 1): a name with weight 4 is drawn 4 times as often. */
  weight?: number;
}

export interface SyntheticAdvisoriesOptions {
  /** Folder holding the real OSV databases to vary (`../shared/advisories`). */
  advisoriesDir: string;
  /** The zip file to write (osv.dev `all.zip` layout: `<id>.json` entries). */
  out: string;
  /** Records to write (default 200,000). */
  count?: number;
  /**
   * Names the organisation really uses. A share of the records (`usedShare`)
   * names one of them, drawn by weight, with the record's versions shifted
   * so that some used versions fall in range and some do not. Empty: every
   * record names a package nobody uses.
   */
  packageNames?: readonly UsedPackageName[];
  /** Share of records naming a used package (default 0.007, as shared/perf's floor). */
  usedShare?: number;
  /**
   * Share of records that alias an earlier record's CVE, so that the two
   * merge into one vulnerability, maybe across import batches (default 0.1).
   */
  aliasShare?: number;
  /** Seed of the generator: one seed, one byte-identical archive (default 1). */
  seed?: number;
}

export interface SyntheticAdvisories {
  /** Records (zip entries) written. */
  records: number;
  /** Size of the archive. */
  bytes: number;
  /** Records naming a used package. */
  used: number;
  /** Records sharing an earlier record's CVE alias. */
  aliased: number;
  /** Records withdrawn, as their template was. */
  withdrawn: number;
}

type Osv = Record<string, unknown>;
type Affected = { package?: Record<string, unknown> } & Record<string, unknown>;

/** One real record, kept as JSON text (each use parses a fresh copy). */
interface Template {
  prefix: string;
  ecosystem: EcosystemName | undefined;
  json: string;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      return /\.(json|ya?ml)$/i.test(entry.name) ? [full] : [];
    });
}

function loadTemplates(advisoriesDir: string): Template[] {
  const files = TEMPLATE_FOLDERS.flatMap((f) =>
    listFiles(path.join(advisoriesDir, f)),
  );
  return files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const data = (
      /\.ya?ml$/i.test(file) ? parseYaml(text, file) : JSON.parse(text)
    ) as Osv;
    const affected = (data.affected ?? []) as Affected[];
    const ecosystem = affected
      .map((a) => String(a.package?.ecosystem ?? '').split(':')[0] as string)
      .find((e) => KNOWN.has(e)) as EcosystemName | undefined;
    const prefix = String(data.id).split('-')[0] as string;
    return { prefix, ecosystem, json: JSON.stringify(data) };
  });
}

/** A package name nobody uses, shaped as the ecosystem spells names. */
function unusedName(ecosystem: string, n: number): string {
  switch (ecosystem) {
    case 'Maven':
      return `org.qmsyn.unused:unused-${n}`;
    case 'Go':
      return `qmsyn.test/unused/mod${n}`;
    case 'crates.io':
      return `qmsyn_unused_${n}`;
    case 'NuGet':
      return `Qmsyn.Unused${n}`;
    case 'Packagist':
      return `qmsyn/unused-${n}`;
    default:
      return `qmsyn-unused-${n}`;
  }
}

/**
 * The version with its second number raised by `delta` (`1.2.5` → `1.4.5`):
 * order between versions of one record is kept. `0` and commits stay.
 */
export function shiftVersion(version: string, delta: number): string {
  if (delta === 0 || version === '0') return version;
  return version.replace(
    /^(v?\d+\.)(\d+)/,
    (_, head: string, minor: string) => `${head}${Number(minor) + delta}`,
  );
}

function shiftRanges(entry: Affected, delta: number): void {
  for (const range of (entry.ranges ?? []) as Osv[]) {
    if (range.type === 'GIT') continue;
    for (const event of (range.events ?? []) as Osv[])
      for (const [kind, value] of Object.entries(event))
        if (typeof value === 'string') event[kind] = shiftVersion(value, delta);
  }
  if (Array.isArray(entry.versions))
    entry.versions = entry.versions.map((v) =>
      typeof v === 'string' ? shiftVersion(v, delta) : v,
    );
}

/** Draws from the used names by weight, through cumulative sums. */
function weightedPicker(names: readonly UsedPackageName[]) {
  const sums: number[] = [];
  let total = 0;
  for (const name of names) {
    total += Math.max(0, name.weight ?? 1);
    sums.push(total);
  }
  return (random: number): UsedPackageName | undefined => {
    const target = random * total;
    let low = 0;
    let high = sums.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((sums[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return names[low];
  };
}

interface Generator {
  random: () => number;
  templates: Template[];
  byEcosystem: Map<string, Template[]>;
  pickUsed: (random: number) => UsedPackageName | undefined;
  usedShare: number;
  aliasShare: number;
  unusedPool: number;
}

function pick<T>(items: readonly T[], random: number): T {
  return items[Math.floor(random * items.length)] as T;
}

/** Record `index`: a template's copy with new ids, aliases, names, ranges. */
function makeRecord(g: Generator, index: number) {
  const used = g.random() < g.usedShare ? g.pickUsed(g.random()) : undefined;
  const pool = used ? g.byEcosystem.get(used.ecosystem) : undefined;
  const template = pick(pool ?? g.templates, g.random());
  const record = JSON.parse(template.json) as Osv;
  const id = `QMSYN-${template.prefix}-${String(index).padStart(7, '0')}`;

  const aliases = [`QMSYN-CVE-${index}`];
  const aliased = index > 0 && g.random() < g.aliasShare;
  if (aliased) {
    const from = Math.max(0, index - ALIAS_REACH);
    const other = from + Math.floor(g.random() * (index - from));
    aliases.push(`QMSYN-CVE-${other}`);
  }
  record.id = id;
  record.aliases = aliases;
  delete record.related;

  const delta = Math.floor(g.random() * 3);
  const affected = (record.affected ?? []) as Affected[];
  let placed = false;
  affected.forEach((entry, i) => {
    const pkg = entry.package ?? {};
    const ecosystem = String(pkg.ecosystem ?? '');
    delete pkg.purl;
    if (used && i === 0) {
      pkg.ecosystem = used.ecosystem;
      pkg.name = used.name;
      placed = true;
    } else {
      pkg.name = unusedName(ecosystem, Math.floor(g.random() * g.unusedPool));
    }
    shiftRanges(entry, delta);
  });
  return { id, record, used: placed, aliased };
}

/**
 * Writes an osv.dev-style `all.zip` of `count` synthetic OSV records, made
 * by varying the real records of `advisoriesDir`: ids `QMSYN-<origin>-N`,
 * one CVE-like alias each (`QMSYN-CVE-N`) and, for `aliasShare` of them,
 * an earlier record's too; versions shifted; package names drawn from
 * names nobody uses, except `usedShare` from `packageNames`. Streams to
 * disk; memory holds the templates and the zip directory only.
 */
export async function writeSyntheticOsvZip(
  options: SyntheticAdvisoriesOptions,
): Promise<SyntheticAdvisories> {
  const count = options.count ?? 200_000;
  const templates = loadTemplates(options.advisoriesDir);
  const byEcosystem = new Map<string, Template[]>();
  for (const t of templates)
    if (t.ecosystem)
      byEcosystem.set(t.ecosystem, [
        ...(byEcosystem.get(t.ecosystem) ?? []),
        t,
      ]);
  const names = options.packageNames ?? [];
  const g: Generator = {
    random: seededRandom(options.seed ?? 1),
    templates,
    byEcosystem,
    pickUsed: weightedPicker(names),
    usedShare: names.length > 0 ? (options.usedShare ?? 0.007) : 0,
    aliasShare: options.aliasShare ?? 0.1,
    unusedPool: Math.max(1, Math.floor(count / 2)),
  };

  const zip = await ZipFileWriter.create(options.out);
  const tally = { used: 0, aliased: 0, withdrawn: 0 };
  for (let index = 0; index < count; index += 1) {
    const made = makeRecord(g, index);
    tally.used += Number(made.used);
    tally.aliased += Number(made.aliased);
    tally.withdrawn += Number(typeof made.record.withdrawn === 'string');
    await zip.add(`${made.id}.json`, Buffer.from(JSON.stringify(made.record)));
  }
  const written = await zip.close();
  return { records: written.entries, bytes: written.bytes, ...tally };
}
