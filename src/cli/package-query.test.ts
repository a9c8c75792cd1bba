import { describe, expect, it } from 'vitest';
import { parsePackageQuery } from './package-query.js';

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
