import type { Ecosystem } from '../types.js';

export const cargo = {
  name: 'crates.io',
  extractors: [],
} satisfies Ecosystem;
