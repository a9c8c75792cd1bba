import type { Ecosystem } from '../types.js';

export const gradle = {
  name: 'Maven',
  extractors: [],
} satisfies Ecosystem;
