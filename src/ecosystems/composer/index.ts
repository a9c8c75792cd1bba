import type { Ecosystem } from '../types.js';
import { composerJsonExtractor } from './composer-json.js';
import { composerLockExtractor } from './composer-lock.js';

export const composer = {
  name: 'Packagist',
  extractors: [composerLockExtractor, composerJsonExtractor],
} satisfies Ecosystem;
