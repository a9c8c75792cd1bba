import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { parseYaml, parseYamlDocuments } from './yaml.js';

const laughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((letter, i) => {
    const previous = 'abcdefghi'[i];
    return `${letter}: &${letter} [${Array(9).fill(`*${previous}`).join(',')}]`;
  }),
].join('\n');

describe('parseYaml', () => {
  it('reads a plain lockfile-like document', () => {
    expect(
      parseYaml('lockfileVersion: 9.0\nimporters:\n  .: {}\n', 'x'),
    ).toEqual({
      lockfileVersion: 9,
      importers: { '.': {} },
    });
  });

  it('refuses an alias bomb with the file named', () => {
    expect(() => parseYaml(laughs, 'pnpm-lock.yaml')).toThrow(InputError);
    expect(() => parseYaml(laughs, 'pnpm-lock.yaml')).toThrow(/alias/i);
  });

  it('still reads a document with a few honest aliases', () => {
    expect(parseYaml('a: &x 1\nb: *x\n', 'f')).toEqual({ a: 1, b: 1 });
  });

  it('reports the line of a syntax error', () => {
    const error = (() => {
      try {
        parseYaml('a: 1\nb: [unclosed\n', 'broken.yaml');
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(error?.code).toBe('ERR_YAML_SYNTAX');
    expect(error?.file).toBe('broken.yaml');
  });
});

describe('parseYamlDocuments', () => {
  it('returns each document of a multi-document file', () => {
    expect(parseYamlDocuments('a: 1\n---\nb: 2\n', 'c.yaml')).toEqual([
      { a: 1 },
      { b: 2 },
    ]);
  });

  it('refuses an alias bomb in any document', () => {
    expect(() => parseYamlDocuments(`x: 1\n---\n${laughs}`, 'c.yaml')).toThrow(
      /alias/i,
    );
  });
});
