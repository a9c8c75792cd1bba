import type { Ecosystem, Extractor } from '../types.js';
import { refusingEmpty } from '../empty-lockfile.js';
import { baseName } from '../graph-builder.js';
import { extractPdmLock } from './pdm-lock.js';
import { extractPipfileLock } from './pipfile-lock.js';
import { extractPoetryLock } from './poetry-lock.js';
import {
  extractRequirements,
  isRequirementsIn,
  isRequirementsTxt,
} from './requirements-txt.js';
import { extractUvLock } from './uv-lock.js';

const requirementsTxt: Extractor = {
  id: 'pypi-requirements',
  ecosystem: 'PyPI',
  kind: 'lockfile',
  matches: isRequirementsTxt,
  extract: extractRequirements,
};

/** pip-compile inputs, read only when no compiled `.txt` sits beside them. */
const requirementsIn: Extractor = {
  id: 'pypi-requirements-in',
  ecosystem: 'PyPI',
  kind: 'manifest',
  matches: isRequirementsIn,
  extract: extractRequirements,
};

function lockfile(
  id: string,
  name: string,
  extract: Extractor['extract'],
): Extractor {
  return {
    id,
    ecosystem: 'PyPI',
    kind: 'lockfile',
    matches: (path) => baseName(path) === name,
    extract,
  };
}

// Lock tools never write an empty file; an empty requirements.txt is fine.
export const pypi = {
  name: 'PyPI',
  extractors: [
    lockfile(
      'pypi-poetry-lock',
      'poetry.lock',
      refusingEmpty(extractPoetryLock, 'regenerate it with poetry lock'),
    ),
    lockfile(
      'pypi-uv-lock',
      'uv.lock',
      refusingEmpty(extractUvLock, 'regenerate it with uv lock'),
    ),
    lockfile(
      'pypi-pdm-lock',
      'pdm.lock',
      refusingEmpty(extractPdmLock, 'regenerate it with pdm lock'),
    ),
    lockfile(
      'pypi-pipfile-lock',
      'Pipfile.lock',
      refusingEmpty(extractPipfileLock, 'regenerate it with pipenv lock'),
    ),
    requirementsTxt,
    requirementsIn,
  ],
} satisfies Ecosystem;
