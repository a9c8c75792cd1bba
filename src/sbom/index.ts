import type { Extractor } from '../ecosystems/types.js';
import { cycloneDxJsonExtractor } from './cyclonedx-json.js';
import { cycloneDxXmlExtractor } from './cyclonedx-xml.js';
import { spdxJsonExtractor } from './spdx-json.js';
import { spdxTagValueExtractor } from './spdx-tag-value.js';

/** Extractors that read SBOMs (CycloneDX, SPDX) found in a repository. */
export const sbomExtractors: readonly Extractor[] = [
  cycloneDxJsonExtractor,
  cycloneDxXmlExtractor,
  spdxJsonExtractor,
  spdxTagValueExtractor,
];
