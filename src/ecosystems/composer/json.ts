import { InputError } from '../../core/errors.js';

/**
 * JSON.parse with the failure turned into InputError (`code`) naming the file
 * and, where the engine reports it, the line.
 */
export function parseJsonFile(
  text: string,
  file: string,
  code: string,
): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(
      code,
      `${file} is not valid JSON (${message}); fix the file or regenerate it`,
      { file, line: lineOf(text, message), cause: error },
    );
  }
}

function lineOf(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message)?.[1];
  if (line) return Number(line);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position) return text.slice(0, Number(position)).split('\n').length;
  // "Unexpected end of JSON input": the fault is at the last line.
  return /end of JSON/i.test(message) ? text.split('\n').length : undefined;
}

/** The value as a plain object, or an empty one. */
export function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The string values of an object (`require` maps), others dropped. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(objectOf(value))) {
    if (typeof spec === 'string') out[key] = spec;
  }
  return out;
}
