import { describe, expect, test } from 'vitest';
import { parsePackageSpec } from './package-spec.js';
import { versionFilter } from './version-filter.js';

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

describe('versionFilter', () => {
  test.each([
    ['npm', '<4.17.21', '4.17.20', true],
    ['npm', '<4.17.21', '4.17.21', false],
    ['npm', '^7', '7.24.0', true],
    ['npm', '^7', '8.0.0', false],
    ['npm', '4.17.21', '4.17.21', true],
    ['npm', '4.17.21', 'v4.17.21', true],
    ['npm', '^1', null, false],
    ['npm', '<4.17.21', '4.17.21-rc.1', true],
    ['Maven', '[2.0,2.17.1)', '2.14.1', true],
    ['Maven', '[2.0,2.17.1)', '2.17.1', false],
    ['Maven', '(,2.17.1]', '2.17.1', true],
    ['Maven', '2.17', '2.17.0', true],
    ['Maven', '2.17', '2.17.1', false],
    ['Go', '1.2.3', 'v1.2.3', true],
    ['Go', 'v1.2.3', 'v1.2.4', false],
    ['PyPI', '2.0', '2.0', true],
    ['PyPI', '2.0', '2.0.0', false],
    ['PyPI', '<3', '2.0', false],
  ] as const)(
    '%s %s selects %s: %s',
    (ecosystem, wanted, version, expected) => {
      expect(versionFilter(ecosystem, wanted)(version)).toBe(expected);
    },
  );

  test.each([
    ['npm', 'not a range!'],
    ['Maven', '[2.0,1.0]'],
  ])('reject a %s range that is not one: %s', (ecosystem, wanted) => {
    expect(() => versionFilter(ecosystem, wanted)).toThrow(
      expect.objectContaining({ code: 'ERR_VERSION_RANGE' }),
    );
  });
});
