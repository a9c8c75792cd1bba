import { InputError } from '../core/errors.js';
import { baseName } from './graph-builder.js';
import type { Extractor } from './types.js';

/**
 * Wraps a lockfile reader so that a file that is empty or only whitespace
 * is refused with ERR_LOCKFILE_SYNTAX rather than read as a lockfile
 * without packages, which would replace the service's snapshot with an
 * empty one (a failed write or checkout). Only for formats whose tool
 * never writes an empty file: an empty requirements.txt is valid.
 *
 * @example
 * extract: refusingEmpty(extractCargoLock, 'regenerate it with cargo generate-lockfile'),
 */
export function refusingEmpty(
  extract: Extractor['extract'],
  fix: string,
): Extractor['extract'] {
  return (request) => {
    // `\s` covers a lone byte order mark too.
    if (/\S/.test(request.text)) return extract(request);
    const error = new InputError(
      'ERR_LOCKFILE_SYNTAX',
      `${baseName(request.path)} is empty; expected a lockfile listing ` +
        `the resolved packages; restore it from version control or ${fix}`,
      { file: request.path },
    );
    return Promise.reject(error);
  };
}
