import type { Ecosystem } from '../types.js';

export const maven = {
  name: 'Maven',
  extractors: [],
} satisfies Ecosystem;
