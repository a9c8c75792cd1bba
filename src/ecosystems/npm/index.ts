import type { Ecosystem } from '../types.js';
import { packageJsonExtractor } from './package-json.js';
import { packageLockExtractor } from './package-lock.js';
import { pnpmLockExtractor } from './pnpm-lock.js';
import { yarnLockExtractor } from './yarn-lock.js';

export const npm = {
  name: 'npm',
  extractors: [
    packageLockExtractor,
    packageJsonExtractor,
    yarnLockExtractor,
    pnpmLockExtractor,
  ],
} satisfies Ecosystem;
