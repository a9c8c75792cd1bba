import type { Exposure } from '../core/catalog.js';

/** Our annotations, `"true"`/`"false"`, and the tags read when they are absent. */
const FLAGS = [
  {
    key: 'internetFacing',
    annotation: 'quartermaster.dev/internet-facing',
    tag: 'internet-facing',
  },
  { key: 'userData', annotation: 'quartermaster.dev/user-data', tag: 'pii' },
  {
    key: 'paymentPath',
    annotation: 'quartermaster.dev/payment-path',
    tag: 'payments',
  },
] as const;

function readFlag(value: string | undefined): boolean | undefined {
  const normalized = value?.trim().toLowerCase();
  if (normalized === 'true') return true;
  if (normalized === 'false') return false;
  return undefined;
}

/**
 * Reads exposure from a component's annotations and tags (DESIGN.md). An
 * annotation of `"true"` or `"false"` wins over the tag, so a tag can be
 * overruled; any other annotation value is ignored and the tag decides.
 */
export function readExposure(
  annotations: Readonly<Record<string, string>>,
  tags: readonly string[],
): Exposure {
  const tagSet = new Set(tags.map((t) => t.toLowerCase()));
  const exposure: Exposure = {
    internetFacing: false,
    userData: false,
    paymentPath: false,
  };
  for (const flag of FLAGS) {
    exposure[flag.key] =
      readFlag(annotations[flag.annotation]) ?? tagSet.has(flag.tag);
  }
  return exposure;
}

/**
 * The exposure annotations whose value is neither "true" nor "false":
 * ignored by readExposure, so a "yes" would quietly lower the priority of
 * the service's findings; the scan warns about each.
 */
export function unreadExposureAnnotations(
  annotations: Readonly<Record<string, string>>,
): Array<{ annotation: string; value: string }> {
  return FLAGS.flatMap((flag) => {
    const value = annotations[flag.annotation];
    return value !== undefined && readFlag(value) === undefined
      ? [{ annotation: flag.annotation, value }]
      : [];
  });
}
