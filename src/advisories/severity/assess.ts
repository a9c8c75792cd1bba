import type { SeverityVector } from '../model.js';
import { scoreCvss, type CvssScore } from './cvss.js';

export type SeverityLevel =
  'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown';

/** A vulnerability's severity, and where it was read. */
export interface SeverityAssessment {
  level: SeverityLevel;
  /** CVSS base score when a vector was scored. */
  score?: number;
  /** The CVSS vector scored, e.g. `CVSS:3.1/AV:N/...`. */
  vector?: string;
  source: 'cvss' | 'database' | 'none';
}

/** What severity is read from: the record's vectors, per-package ones, the database's word. */
export interface SeverityInput {
  severity: readonly SeverityVector[];
  databaseSeverity?: string;
  affected?: ReadonlyArray<{ severity: readonly SeverityVector[] }>;
}

/** CVSS v3 and v4 qualitative ratings; v2 has no critical band. */
export function levelOfScore(score: number, version: string): SeverityLevel {
  if (score === 0) return 'none';
  if (score >= 9 && version !== '2.0') return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

const DATABASE_LEVELS: Record<string, SeverityLevel> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
};

/** Newest CVSS version first, then the higher score. */
function preferred(a: CvssScore, b: CvssScore): number {
  return Number(b.version) - Number(a.version) || b.score - a.score;
}

/**
 * The severity of a vulnerability: its newest CVSS vector scored (v4, then
 * v3.x, then v2; per-package vectors when the record has none), else the
 * database's own word (`database_specific.severity`), else unknown.
 */
export function assessSeverity(input: SeverityInput): SeverityAssessment {
  const vectors =
    input.severity.length > 0
      ? input.severity
      : (input.affected ?? []).flatMap((a) => a.severity);
  const scored = vectors
    .map(scoreCvss)
    .filter((s): s is CvssScore => s !== undefined)
    .sort(preferred);
  const best = scored[0];
  if (best)
    return {
      level: levelOfScore(best.score, best.version),
      score: best.score,
      vector: best.vector,
      source: 'cvss',
    };
  const word = DATABASE_LEVELS[(input.databaseSeverity ?? '').toUpperCase()];
  if (word) return { level: word, source: 'database' };
  return { level: 'unknown', source: 'none' };
}
