import { baseName } from '../graph-builder.js';
import type { Ecosystem } from '../types.js';
import { extractGoMod } from './go-mod.js';

export const go = {
  name: 'Go',
  extractors: [
    {
      id: 'go-mod',
      ecosystem: 'Go',
      kind: 'lockfile',
      matches: (path: string) => baseName(path) === 'go.mod',
      extract: extractGoMod,
    },
  ],
} satisfies Ecosystem;
