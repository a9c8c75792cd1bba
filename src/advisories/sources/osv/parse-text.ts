import { parseYaml } from '../../../core/yaml.js';
import type { AdvisoryRecord, AdvisoryWarning } from '../../model.js';
import { toAdvisoryRecord } from './to-record.js';

const YAML_NAME = /\.ya?ml$/i;

/** True for the file names an OSV feed holds. */
export function isAdvisoryFileName(name: string): boolean {
  return /\.(json|ya?ml)$/i.test(name) && !isKevFileName(name);
}

/**
 * CISA's KEV catalog and its JSON schema, by the names CISA publishes them
 * under: they often sit beside advisory checkouts, and are not OSV records.
 */
export function isKevFileName(name: string): boolean {
  return /^known_exploited_vulnerabilities.*\.json$/i.test(name);
}

function parseData(
  text: string,
  source: string,
  warnings: AdvisoryWarning[],
): unknown {
  try {
    return YAML_NAME.test(source) ? parseYaml(text, source) : JSON.parse(text);
  } catch (error) {
    warnings.push({
      source,
      code: 'ERR_OSV_SYNTAX',
      message: `not valid ${YAML_NAME.test(source) ? 'YAML' : 'JSON'} (${(error as Error).message}); the file is skipped`,
    });
    return undefined;
  }
}

/**
 * Reads the OSV records of one file's text: one record, or a list of them
 * (as some exports write). JSON unless the name ends in `.yaml`/`.yml`.
 */
export function parseOsvText(
  text: string,
  source: string,
  warnings: AdvisoryWarning[],
): AdvisoryRecord[] {
  const data = parseData(text, source, warnings);
  if (data === undefined) return [];
  const items = Array.isArray(data) ? data : [data];
  const records: AdvisoryRecord[] = [];
  for (const item of items) {
    const record = toAdvisoryRecord(item, source, warnings);
    if (record) records.push(record);
  }
  return records;
}
