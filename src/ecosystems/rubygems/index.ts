import type { Ecosystem } from '../types.js';
import { gemfileExtractor } from './gemfile.js';
import { gemfileLockExtractor } from './gemfile-lock.js';

export const rubygems = {
  name: 'RubyGems',
  extractors: [gemfileLockExtractor, gemfileExtractor],
} satisfies Ecosystem;
