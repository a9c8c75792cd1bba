import { sbomExtractors } from '../sbom/index.js';
import { cargo } from './cargo/index.js';
import { composer } from './composer/index.js';
import { go } from './go/index.js';
import { gradle } from './gradle/index.js';
import { maven } from './maven/index.js';
import { npm } from './npm/index.js';
import { nuget } from './nuget/index.js';
import { pypi } from './pypi/index.js';
import { rubygems } from './rubygems/index.js';
import type { Ecosystem, Extractor } from './types.js';

/** Every ecosystem plugin, listed by hand and sorted; nothing scans folders. */
export const ecosystems: readonly Ecosystem[] = [
  cargo,
  composer,
  go,
  gradle,
  maven,
  npm,
  nuget,
  pypi,
  rubygems,
];

/** Every extractor: each ecosystem's, then the SBOM readers. */
export function allExtractors(): Extractor[] {
  return [...ecosystems.flatMap((e) => e.extractors), ...sbomExtractors];
}
