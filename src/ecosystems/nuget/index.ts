import type { Ecosystem } from '../types.js';
import { packagesLockExtractor } from './packages-lock.js';
import { projectFileExtractor } from './project-manifest.js';

export const nuget = {
  name: 'NuGet',
  extractors: [packagesLockExtractor, projectFileExtractor],
} satisfies Ecosystem;
