import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import type { EcosystemName } from './model.js';
import { buildPurl, normalizePackageName } from './purl.js';

describe('buildPurl', () => {
  it.each([
    ['npm', 'lodash', '4.17.21', 'pkg:npm/lodash@4.17.21'],
    [
      'npm',
      '@babel/core',
      '7.0.0-beta.1',
      'pkg:npm/%40babel/core@7.0.0-beta.1',
    ],
    [
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.17.1',
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
    ],
    [
      'PyPI',
      'Django_REST.framework',
      '3.0',
      'pkg:pypi/django-rest-framework@3.0',
    ],
    [
      'Go',
      'github.com/Azure/go-autorest',
      'v14.2.0+incompatible',
      'pkg:golang/github.com/Azure/go-autorest@v14.2.0+incompatible',
    ],
    ['Go', 'stdlib', '1.22.0', 'pkg:golang/stdlib@1.22.0'],
    ['NuGet', 'Newtonsoft.Json', '13.0.1', 'pkg:nuget/newtonsoft.json@13.0.1'],
    [
      'Packagist',
      'Symfony/Console',
      'v5.4.0',
      'pkg:composer/symfony/console@v5.4.0',
    ],
    ['npm', 'left-pad', null, 'pkg:npm/left-pad'],
  ] as const)('%s %s@%s', (ecosystem, name, version, expected) => {
    expect(buildPurl(ecosystem, name, version)).toBe(expected);
  });

  // The fast path must agree with packageurl-js wherever both apply.
  it('writes the same purl as packageurl-js for plain names', () => {
    const cases: Array<
      [EcosystemName, string, string, string, string | undefined]
    > = [
      ['npm', 'npm', 'lodash.merge', '4.6.2', undefined],
      ['npm', 'npm', 'core', '7.24.0-rc.1', '@babel'],
      ['crates.io', 'cargo', 'serde_json', '1.0.100', undefined],
      ['RubyGems', 'gem', 'nokogiri', '1.16.0-x86_64-linux', undefined],
      [
        'Go',
        'golang',
        'net',
        'v0.0.0-20210226172049-e18ecbb05110',
        'golang.org/x',
      ],
      ['Maven', 'maven', 'spring-core', '6.1.0', 'org.springframework'],
      ['PyPI', 'pypi', 'zope-interface', '5.4.0.post1', undefined],
    ];
    for (const [ecosystem, type, name, version, namespace] of cases) {
      const full = namespace
        ? ecosystem === 'Maven'
          ? `${namespace}:${name}`
          : `${namespace}/${name}`
        : name;

      const ours = buildPurl(
        ecosystem,
        normalizePackageName(ecosystem, full),
        version,
      );

      expect(ours).toBe(
        new PackageURL(
          type,
          namespace,
          name,
          version,
          undefined,
          undefined,
        ).toString(),
      );
    }
  });
});
