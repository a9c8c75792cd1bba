import type { Ecosystem } from '../types.js';

export const nuget = {
  name: 'NuGet',
  extractors: [],
} satisfies Ecosystem;
