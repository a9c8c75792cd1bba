import { load as loadFast, loadAll as loadAllFast } from 'js-yaml';
import { parseAllDocuments, parse as parseWithYaml } from 'yaml';
import { InputError } from './errors.js';

// An anchor (`&name`) in a value position. Lockfiles never use anchors, so
// their absence lets the fast parser run; their presence brings in the
// slower one, which refuses documents that expand aliases too far.
const ANCHOR = /(?:^|[\s[{,:-])&[^\s,[\]{}]+/m;
const MAX_ALIASES = 100;

function toInputError(error: unknown, file: string): InputError {
  const message = error instanceof Error ? error.message : String(error);
  const line = /line (\d+)/i.exec(message)?.[1];
  return new InputError(
    'ERR_YAML_SYNTAX',
    `not valid YAML: ${message.split('\n')[0]}; fix the file or regenerate it`,
    { file, line: line ? Number(line) : undefined, cause: error },
  );
}

/**
 * Parses one YAML document, safe against alias bombs (billion laughs).
 * Throws InputError ERR_YAML_SYNTAX naming the file and line.
 */
export function parseYaml(text: string, file: string): unknown {
  try {
    if (!ANCHOR.test(text)) return loadFast(text);
    return parseWithYaml(text, { maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw toInputError(error, file);
  }
}

/** Parses every document of a multi-document YAML file, alias-bomb safe. */
export function parseYamlDocuments(text: string, file: string): unknown[] {
  if (!ANCHOR.test(text)) {
    try {
      return loadAllFast(text);
    } catch (error) {
      throw toInputError(error, file);
    }
  }
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  const values: unknown[] = [];
  for (const document of list) {
    if (document.errors.length > 0)
      throw toInputError(document.errors[0], file);
    try {
      values.push(document.toJS({ maxAliasCount: MAX_ALIASES }));
    } catch (error) {
      throw toInputError(error, file);
    }
  }
  return values;
}
