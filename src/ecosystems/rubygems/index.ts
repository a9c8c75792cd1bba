import type { Ecosystem } from '../types.js';

export const rubygems = {
  name: 'RubyGems',
  extractors: [],
} satisfies Ecosystem;
