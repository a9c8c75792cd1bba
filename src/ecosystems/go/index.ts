import { refusingEmpty } from '../empty-lockfile.js';
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
      // go never writes an empty go.mod: one is a failed write or checkout.
      extract: refusingEmpty(
        extractGoMod,
        'recreate it with go mod init and go mod tidy',
      ),
    },
  ],
} satisfies Ecosystem;
