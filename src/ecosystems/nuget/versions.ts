const PLAIN = /^\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const PINNED = /^\[\s*([^,\]\s]+)\s*(?:,\s*\1\s*)?\]$/;

/**
 * The version a NuGet version spec pins, or null for floating versions
 * (`1.*`) and ranges (`[1.0,2.0)`). A plain `1.2.3` counts as pinned: NuGet
 * picks the lowest version that satisfies it, which is that version when it
 * exists. Versions are kept as written (`1.0` is not turned into `1.0.0`).
 */
export function pinnedVersion(spec: string | undefined): string | null {
  const trimmed = spec?.trim() ?? '';
  if (PLAIN.test(trimmed)) return trimmed;
  const pinned = PINNED.exec(trimmed)?.[1];
  return pinned && PLAIN.test(pinned) ? pinned : null;
}
