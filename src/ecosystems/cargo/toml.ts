import { parse, TomlError } from 'smol-toml';
import { InputError } from '../../core/errors.js';

/**
 * Parses TOML text, turning a syntax error into InputError ERR_TOML_SYNTAX
 * with the file and the line smol-toml reports.
 */
export function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const reason = error instanceof Error ? error.message.split('\n')[0] : '';
    throw new InputError(
      'ERR_TOML_SYNTAX',
      `${file} is not valid TOML (${reason}); fix the file or regenerate it ` +
        'with cargo',
      { file, line, cause: error },
    );
  }
}

/** The value as a plain object, or an empty one. */
export function tableOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Repository-relative folder of a file ('' at the root). */
export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** Joins a folder and a relative path, resolving `.` and `..`. */
export function joinPath(dir: string, relative: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}
