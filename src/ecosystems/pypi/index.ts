import type { Ecosystem } from '../types.js';

export const pypi = {
  name: 'PyPI',
  extractors: [],
} satisfies Ecosystem;
