import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../../core/errors.js';

/** Largest XML file read (POMs, settings, metadata); real POMs stay far below. */
export const MAX_XML_BYTES = 4 * 1024 * 1024;

/** Elements that may repeat and are always read as arrays. */
const ARRAY_TAGS = new Set([
  'dependency',
  'exclusion',
  'module',
  'profile',
  'repository',
  'mirror',
  'server',
  'version',
]);

const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

// No DTD, no entities (not even the predefined ones), no attributes: POMs
// are hostile input, and Maven's model never needs them.
const parser = new XMLParser({
  ignoreAttributes: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
  // A property named __proto__ is legal XML; keep it out of our objects.
  transformTagName: (tag) => (UNSAFE_NAMES.has(tag) ? `unsafe.${tag}` : tag),
  isArray: (tag) => ARRAY_TAGS.has(tag),
});

const DOCTYPE = /<!DOCTYPE|<!ENTITY/i;

/** A parsed XML element: text for leaves, an object for the rest. */
export type XmlNode = string | { [tag: string]: XmlNode | XmlNode[] };

function lineAt(text: string, index: number): number {
  let line = 1;
  for (
    let i = text.indexOf('\n');
    i >= 0 && i < index;
    i = text.indexOf('\n', i + 1)
  ) {
    line++;
  }
  return line;
}

/**
 * Parses untrusted XML. Throws InputError: ERR_POM_DOCTYPE for any DTD or
 * entity declaration (refused, never expanded), ERR_POM_TOO_LARGE past
 * MAX_XML_BYTES, ERR_POM_SYNTAX for malformed or truncated XML.
 */
export function parseHardenedXml(
  text: string,
  file: string,
): Record<string, XmlNode> {
  if (text.length > MAX_XML_BYTES) {
    throw new InputError(
      'ERR_POM_TOO_LARGE',
      `${file} is ${text.length} characters; at most ${MAX_XML_BYTES} are read; ` +
        'check that this is really a POM',
      { file },
    );
  }
  const doctype = DOCTYPE.exec(text);
  if (doctype) {
    throw new InputError(
      'ERR_POM_DOCTYPE',
      `${file} declares a DTD or entities; Maven POMs never need one and ` +
        'they are refused for safety; remove the <!DOCTYPE> block',
      { file, line: lineAt(text, doctype.index) },
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new InputError(
      'ERR_POM_SYNTAX',
      `${file} is not well-formed XML (${valid.err.msg}); fix or regenerate it`,
      { file, line: valid.err.line },
    );
  }
  try {
    return parser.parse(text) as Record<string, XmlNode>;
  } catch (error) {
    throw new InputError(
      'ERR_POM_SYNTAX',
      `${file} could not be parsed (${(error as Error).message}); fix it`,
      { file, cause: error },
    );
  }
}

/** The child element `tag` of a node, if it is an element. */
export function child(
  node: XmlNode | undefined,
  tag: string,
): XmlNode | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = node[tag];
  return Array.isArray(value) ? value[0] : value;
}

/** The text of the child element `tag`, trimmed; undefined when absent. */
export function text(
  node: XmlNode | undefined,
  tag: string,
): string | undefined {
  const value = child(node, tag);
  return typeof value === 'string' ? value : undefined;
}

/** The repeated children `<outer><inner/>...</outer>` of a node. */
export function list(
  node: XmlNode | undefined,
  outer: string,
  inner: string,
): XmlNode[] {
  const container = child(node, outer);
  if (!container || typeof container !== 'object') return [];
  const items = container[inner];
  if (items === undefined) return [];
  return Array.isArray(items) ? items : [items];
}

export { lineAt };
