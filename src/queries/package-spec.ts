import { InputError } from '../core/errors.js';

/** A package as a person types it: `lodash`, `lodash@4.17.21`, `@babel/core@^7`. */
export interface PackageSpec {
  name: string;
  /** Exact version or range (ecosystem syntax); absent for every version. */
  version?: string;
}

/**
 * Splits `name@version` at the last `@` that is not the scope's leading one,
 * and drops quotes around the version (`lodash@"<4.17.21"`, as shells leave
 * them when the user quotes only the range).
 */
export function parsePackageSpec(text: string): PackageSpec {
  const trimmed = text.trim();
  const at = trimmed.indexOf('@', trimmed.startsWith('@') ? 1 : 0);
  const name = at < 0 ? trimmed : trimmed.slice(0, at);
  const version = at < 0 ? undefined : unquote(trimmed.slice(at + 1).trim());
  const badScope = name.startsWith('@') && !/^@[^/]+\/./.test(name);
  if (name === '' || version === '' || badScope) {
    throw new InputError(
      'ERR_PACKAGE_SPEC',
      `"${text}" is not a package: expected name or name@version ` +
        '(e.g. lodash@"<4.17.21" or @babel/core@^7)',
    );
  }
  return version === undefined ? { name } : { name, version };
}

function unquote(value: string): string {
  const first = value[0];
  if ((first === '"' || first === "'") && value.endsWith(first)) {
    return value.slice(1, -1).trim();
  }
  return value;
}
