import { z } from 'zod';

/** A CycloneDX component, read alike from JSON and XML. */
export interface CdxComponent {
  ref?: string;
  type?: string;
  name?: string;
  group?: string;
  version?: string;
  purl?: string;
  scope?: string;
  components: CdxComponent[];
}

/** One `dependencies` entry: `ref` depends on each of `dependsOn`. */
export interface CdxDependency {
  ref: string;
  dependsOn: string[];
}

/** The parts of a CycloneDX BOM that the dependency graph needs. */
export interface CdxDocument {
  specVersion?: string;
  /** `metadata.component`: what the BOM describes. */
  root?: CdxComponent;
  components: CdxComponent[];
  /** Entries that could not be read as components (kept for a warning). */
  invalid: number;
  dependencies: CdxDependency[];
}

/** Components nested deeper than this are not read. */
export const MAX_DEPTH = 64;

function stringField(
  entry: Record<string, unknown>,
  key: string,
): string | undefined {
  const value = entry[key];
  return typeof value === 'string' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top of a CycloneDX JSON BOM. */
export const CycloneDxJson = z.looseObject({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.string().optional(),
  metadata: z.looseObject({ component: z.unknown().optional() }).optional(),
  components: z.array(z.unknown()).optional(),
  dependencies: z.array(z.unknown()).optional(),
});

/**
 * Reads JSON components (nested ones too), counting unreadable entries.
 * Entries are checked by hand rather than with zod: BOMs hold thousands of
 * components and only a few string fields are read from each.
 */
export function readJsonComponents(
  list: readonly unknown[],
  counter: { invalid: number },
  depth = 0,
): CdxComponent[] {
  const out: CdxComponent[] = [];
  for (const raw of list) {
    // Nesting past MAX_DEPTH is hostile or broken; its entries are dropped.
    if (!isObject(raw) || depth > MAX_DEPTH) {
      counter.invalid += 1;
      continue;
    }
    const nested = Array.isArray(raw.components) ? raw.components : [];
    out.push({
      ref: stringField(raw, 'bom-ref'),
      type: stringField(raw, 'type'),
      name: stringField(raw, 'name'),
      group: stringField(raw, 'group'),
      version: stringField(raw, 'version'),
      purl: stringField(raw, 'purl'),
      scope: stringField(raw, 'scope'),
      components: readJsonComponents(nested, counter, depth + 1),
    });
  }
  return out;
}

export function readJsonDependencies(
  list: readonly unknown[],
): CdxDependency[] {
  const out: CdxDependency[] = [];
  for (const raw of list) {
    const ref = isObject(raw) ? stringField(raw, 'ref') : undefined;
    if (!isObject(raw) || ref === undefined) continue;
    const dependsOn = Array.isArray(raw.dependsOn) ? raw.dependsOn : [];
    out.push({
      ref,
      dependsOn: dependsOn.filter((d): d is string => typeof d === 'string'),
    });
  }
  return out;
}
