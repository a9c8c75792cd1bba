import type { Ecosystem } from '../types.js';

export const composer = {
  name: 'Packagist',
  extractors: [],
} satisfies Ecosystem;
