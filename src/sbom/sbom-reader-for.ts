import type { Extractor } from '../ecosystems/types.js';
import { cycloneDxJsonExtractor } from './cyclonedx-json.js';
import { cycloneDxXmlExtractor } from './cyclonedx-xml.js';
import { spdxJsonExtractor } from './spdx-json.js';
import { spdxTagValueExtractor } from './spdx-tag-value.js';

const CYCLONEDX_JSON = /"bomFormat"\s*:\s*"CycloneDX"/;
const SPDX_JSON = /"spdxVersion"\s*:/;
// The root element, after any XML declaration, comments or prefix.
const CYCLONEDX_XML =
  /^(?:<\?[^]*?\?>|<!--[^]*?-->|\s)*<(?:[\w.-]+:)?bom[\s>/]/;
const SPDX_TAG_VALUE = /^\s*SPDXVersion:/m;

/**
 * The SBOM reader for a file by its content, whatever its name: a
 * component's `quartermaster.dev/sbom` may name `build/reports/sbom.json`.
 * Undefined when the text looks like none of CycloneDX JSON or XML, SPDX
 * JSON or tag-value.
 */
export function sbomReaderFor(text: string): Extractor | undefined {
  const start = text.trimStart();
  if (start.startsWith('{')) {
    if (CYCLONEDX_JSON.test(text)) return cycloneDxJsonExtractor;
    if (SPDX_JSON.test(text)) return spdxJsonExtractor;
    return undefined;
  }
  if (start.startsWith('<'))
    return CYCLONEDX_XML.test(start) ? cycloneDxXmlExtractor : undefined;
  return SPDX_TAG_VALUE.test(text) ? spdxTagValueExtractor : undefined;
}
