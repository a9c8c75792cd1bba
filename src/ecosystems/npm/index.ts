import type { Ecosystem } from '../types.js';

export const npm = {
  name: 'npm',
  extractors: [],
} satisfies Ecosystem;
