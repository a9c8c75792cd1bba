import { describe, expect, test } from 'vitest';
import { parsePackageSpec } from './package-spec.js';

describe('parsePackageSpec', () => {
  test.each([
    ['lodash', { name: 'lodash' }],
    ['lodash@4.17.21', { name: 'lodash', version: '4.17.21' }],
    ['lodash@"<4.17.21"', { name: 'lodash', version: '<4.17.21' }],
    ["lodash@'>=1 <2'", { name: 'lodash', version: '>=1 <2' }],
    ['@babel/core', { name: '@babel/core' }],
    ['@babel/core@^7', { name: '@babel/core', version: '^7' }],
    [
      'org.apache.logging.log4j:log4j-core@2.14.1',
      {
        name: 'org.apache.logging.log4j:log4j-core',
        version: '2.14.1',
      },
    ],
  ])('read %s', (text, expected) => {
    expect(parsePackageSpec(text)).toEqual(expected);
  });

  test.each(['', '@', 'lodash@', 'lodash@""'])('reject "%s"', (text) => {
    expect(() => parsePackageSpec(text)).toThrow(
      expect.objectContaining({ code: 'ERR_PACKAGE_SPEC' }),
    );
  });
});
