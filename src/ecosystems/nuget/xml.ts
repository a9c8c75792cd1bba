import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../../core/errors.js';

/** Refused outright: a DTD can define entities that expand without bound. */
const DTD = /<!(?:DOCTYPE|ENTITY)/i;

export interface ParseXmlOptions {
  /** Element names always read as arrays, even when they occur once. */
  arrays?: ReadonlySet<string>;
  /** Error code for a malformed document (default ERR_XML_SYNTAX). */
  code?: string;
}

/** Attributes are read under this prefix: `{ '@_Include': 'Serilog' }`. */
export const ATTRIBUTE = '@_';

/**
 * Parses XML defensively: no DTD (InputError ERR_XML_DOCTYPE), only the five
 * predefined entities, nesting limited by the parser, namespaces prefixes
 * dropped. Well-formedness is checked first so that a truncated file fails
 * with its line instead of yielding half a document.
 */
export function parseXml(
  text: string,
  file: string,
  options: ParseXmlOptions = {},
): Record<string, unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (DTD.test(body)) {
    throw new InputError(
      'ERR_XML_DOCTYPE',
      `${file} declares a DOCTYPE or entities, which are refused because they ` +
        'can expand without bound; remove the declaration',
      { file, line: body.slice(0, body.search(DTD)).split('\n').length },
    );
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    // Elements left open at the end: the file was cut short.
    const truncated = valid.err.code === 'InvalidXml';
    const reason = truncated
      ? 'it ends before every element is closed; it looks truncated'
      : valid.err.msg;
    throw new InputError(
      options.code ?? 'ERR_XML_SYNTAX',
      `${file} is not well-formed XML (${reason}); fix or regenerate it`,
      {
        file,
        line: truncated ? body.trimEnd().split('\n').length : valid.err.line,
      },
    );
  }
  const arrays = options.arrays ?? new Set<string>();
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    removeNSPrefix: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => arrays.has(name),
  });
  return parser.parse(body) as Record<string, unknown>;
}

/** The value as a list: arrays as they are, a single value wrapped, nothing empty. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The value as an object, or an empty one (text-only elements become `{}`). */
export function elementOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The text of an element that may carry attributes (`#text`) or be plain. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const text = elementOf(value)['#text'];
  return typeof text === 'string' ? text : undefined;
}
