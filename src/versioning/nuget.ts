import { compareDigits, compareLoose, comparePrerelease } from './numeric.js';
import type { Versioning } from './types.js';

/** A NuGet version: four numeric parts and the release labels. */
interface NuGetVersion {
  parts: [string, string, string, string];
  release: string[];
}

const IDENT = '[0-9A-Za-z-]+';
const PATTERN = new RegExp(
  `^(\\d+(?:\\.\\d+){0,3})(?:-(${IDENT}(?:\\.${IDENT})*))?` +
    `(?:\\+${IDENT}(?:\\.${IDENT})*)?$`,
);

/**
 * Reads a version as NuGet.Versioning does: one to four numeric parts
 * (missing ones are zero, leading zeros allowed: `1.01` is `1.1.0.0`),
 * optional release labels after `-`, metadata after `+` ignored.
 * Surrounding white space is allowed, as NuGet allows it.
 */
function parseNuGet(version: string): NuGetVersion | undefined {
  const match = PATTERN.exec(version.trim());
  if (!match) return undefined;
  const numbers = (match[1] as string).split('.');
  const parts: [string, string, string, string] = [
    numbers[0] ?? '0',
    numbers[1] ?? '0',
    numbers[2] ?? '0',
    numbers[3] ?? '0',
  ];
  return { parts, release: match[2] ? match[2].split('.') : [] };
}

function compareNuGet(x: NuGetVersion, y: NuGetVersion): number {
  for (let i = 0; i < 4; i += 1) {
    const order = compareDigits(x.parts[i] as string, y.parts[i] as string);
    if (order !== 0) return order;
  }
  // Labels compare case-insensitively: `1.0.0-BETA` is `1.0.0-beta`.
  return comparePrerelease(x.release, y.release, true);
}

/** NuGet: SemVer 2 with NuGet's four-part and legacy readings. */
export const nugetVersioning: Versioning = {
  ecosystem: 'NuGet',
  isValid: (version) => parseNuGet(version) !== undefined,
  compare(a, b) {
    const x = parseNuGet(a);
    const y = parseNuGet(b);
    if (x && y) return compareNuGet(x, y);
    return compareLoose(a, b);
  },
};
