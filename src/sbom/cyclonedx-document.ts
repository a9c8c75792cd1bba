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

// Lenient on purpose: unknown fields pass, only the fields read are typed.
const Component = z.looseObject({
  'bom-ref': z.string().optional(),
  type: z.string().optional(),
  name: z.string().optional(),
  group: z.string().optional(),
  version: z.string().optional(),
  purl: z.string().optional(),
  scope: z.string().optional(),
  components: z.array(z.unknown()).optional(),
});

/** The top of a CycloneDX JSON BOM. */
export const CycloneDxJson = z.looseObject({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.string().optional(),
  metadata: z.looseObject({ component: z.unknown().optional() }).optional(),
  components: z.array(z.unknown()).optional(),
  dependencies: z.array(z.unknown()).optional(),
});

const Dependency = z.looseObject({
  ref: z.string(),
  dependsOn: z.array(z.string()).optional(),
});

/** Reads JSON components (nested ones too), counting unreadable entries. */
export function readJsonComponents(
  list: readonly unknown[],
  counter: { invalid: number },
  depth = 0,
): CdxComponent[] {
  const out: CdxComponent[] = [];
  for (const raw of list) {
    const parsed = Component.safeParse(raw);
    // Nesting past MAX_DEPTH is hostile or broken; its entries are dropped.
    if (!parsed.success || depth > MAX_DEPTH) {
      counter.invalid += 1;
      continue;
    }
    const c = parsed.data;
    out.push({
      ref: c['bom-ref'],
      type: c.type,
      name: c.name,
      group: c.group,
      version: c.version,
      purl: c.purl,
      scope: c.scope,
      components: readJsonComponents(c.components ?? [], counter, depth + 1),
    });
  }
  return out;
}

export function readJsonDependencies(
  list: readonly unknown[],
): CdxDependency[] {
  const out: CdxDependency[] = [];
  for (const raw of list) {
    const parsed = Dependency.safeParse(raw);
    if (parsed.success)
      out.push({
        ref: parsed.data.ref,
        dependsOn: parsed.data.dependsOn ?? [],
      });
  }
  return out;
}
