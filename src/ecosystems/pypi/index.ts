import type { Ecosystem, Extractor } from '../types.js';
import {
  extractRequirements,
  isRequirementsIn,
  isRequirementsTxt,
} from './requirements-txt.js';

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

export const pypi = {
  name: 'PyPI',
  extractors: [requirementsTxt, requirementsIn],
} satisfies Ecosystem;
