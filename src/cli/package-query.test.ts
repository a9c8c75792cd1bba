import { describe, expect, it } from 'vitest';
import { parsePackageQuery, prefixHint } from './package-query.js';

describe('parsePackageQuery', () => {
  it.each([
    ['lodash', { name: 'lodash' }],
    ['lodash@"<4.17.21"', { name: 'lodash', version: '<4.17.21' }],
    ['@babel/core@^7', { name: '@babel/core', version: '^7' }],
    [
      'maven:org.apache.logging.log4j:log4j-core',
      { name: 'org.apache.logging.log4j:log4j-core', ecosystem: 'Maven' },
    ],
    [
      'maven:org.apache.logging.log4j:log4j-core@2.14.1',
      {
        name: 'org.apache.logging.log4j:log4j-core',
        version: '2.14.1',
        ecosystem: 'Maven',
      },
    ],
    ['pypi:Django@3.2', { name: 'Django', version: '3.2', ecosystem: 'PyPI' }],
    ['go:golang.org/x/net', { name: 'golang.org/x/net', ecosystem: 'Go' }],
    ['cargo:serde', { name: 'serde', ecosystem: 'crates.io' }],
    ['pkg:npm/lodash@4.17.20', { purl: 'pkg:npm/lodash@4.17.20' }],
  ])('%s', (text, expected) => {
    expect(parsePackageQuery(text)).toEqual(expected);
  });
});

describe('prefixHint', () => {
  it.each([
    ['pip:requests', '"pip" is not an ecosystem prefix, so "pip:requests"'],
    ['rust:serde@1.0', '"rust" is not an ecosystem prefix, so "rust:serde"'],
    [
      'maven:com.google.guava:guava:32.1.2-jre',
      'maven:com.google.guava:guava@32.1.2-jre',
    ],
  ])('%s', (text, hint) => {
    expect(prefixHint(text)).toContain(hint);
  });

  it.each(['lodash', 'org.slf4j:slf4j-api', 'pypi:requests', 'pkg:npm/x@1'])(
    'has nothing to say about %s',
    (text) => {
      expect(prefixHint(text)).toBeUndefined();
    },
  );
});
