import type { Ecosystem } from '../types.js';

export const go = {
  name: 'Go',
  extractors: [],
} satisfies Ecosystem;
