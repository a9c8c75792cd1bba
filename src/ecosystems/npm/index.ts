import type { Ecosystem } from '../types.js';
import { packageJsonExtractor } from './package-json.js';
import { packageLockExtractor } from './package-lock.js';

export const npm = {
  name: 'npm',
  extractors: [packageLockExtractor, packageJsonExtractor],
} satisfies Ecosystem;
