import cvss from 'ae-cvss-calculator';
import type { SeverityVector } from '../model.js';

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvss;

/** A scored CVSS vector. */
export interface CvssScore {
  /** `2.0`, `3.0`, `3.1` or `4.0`. */
  version: string;
  /** Base score, 0.0 to 10.0. */
  score: number;
  vector: string;
}

function versionOf(vector: SeverityVector): string | undefined {
  const prefix = /^CVSS:(\d\.\d)\//.exec(vector.score)?.[1];
  if (prefix) return prefix;
  // CVSS v2 vectors carry no prefix: `AV:N/AC:L/Au:N/C:P/I:P/A:P`.
  return vector.type === 'CVSS_V2' ? '2.0' : undefined;
}

// Advisories repeat a few thousand distinct vectors; an import of a full
// export scores each once instead of once per vulnerability.
const MEMO_LIMIT = 50_000;
const memo = new Map<string, number | undefined>();

function calculate(version: string, vector: string): number | undefined {
  const key = `${version} ${vector}`;
  if (memo.has(key)) return memo.get(key);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const score = calculateOnce(version, vector);
  memo.set(key, score);
  return score;
}

function calculateOnce(version: string, vector: string): number | undefined {
  switch (version) {
    case '2.0':
      return new Cvss2(vector).calculateScores().base;
    case '3.0':
      return new Cvss3P0(vector).calculateScores().base;
    case '3.1':
      return new Cvss3P1(vector).calculateScores().base;
    case '4.0':
      return new Cvss4P0(vector).calculateScores().base;
    default:
      return undefined;
  }
}

/**
 * Scores an OSV severity entry of type CVSS_V2, CVSS_V3 or CVSS_V4 with
 * ae-cvss-calculator; undefined for other types and unreadable vectors.
 */
export function scoreCvss(vector: SeverityVector): CvssScore | undefined {
  if (!/^CVSS_V[234]$/.test(vector.type)) return undefined;
  const version = versionOf(vector);
  if (!version) return undefined;
  try {
    const score = calculate(version, vector.score.trim());
    if (score === undefined || !Number.isFinite(score)) return undefined;
    return { version, score, vector: vector.score.trim() };
  } catch {
    // The calculator throws on malformed vectors; the record stays usable.
    return undefined;
  }
}
