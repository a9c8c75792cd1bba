import type { Extractor } from '../ecosystems/types.js';

/** Extractors that read SBOMs (CycloneDX, SPDX) found in a repository. */
export const sbomExtractors: readonly Extractor[] = [];
