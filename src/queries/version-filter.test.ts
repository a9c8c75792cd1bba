import { describe, expect, test } from 'vitest';
import { versionFilter } from './version-filter.js';

type Case = readonly [string, string, string | null, boolean];

function selects([ecosystem, wanted, version]: Case): boolean {
  return versionFilter(ecosystem, wanted)(version);
}

describe('versionFilter: exact versions', () => {
  test.each([
    ['npm', '4.17.21', '4.17.21', true],
    ['npm', '4.17.21', 'v4.17.21', true],
    ['Maven', '2.17', '2.17.0', true],
    ['Maven', '2.17', '2.17.1', false],
    ['Go', '1.2.3', 'v1.2.3', true],
    ['Go', 'v1.2.3', 'v1.2.4', false],
    // +incompatible is build metadata: the same version.
    ['Go', 'v20.10.24', 'v20.10.24+incompatible', true],
    ['PyPI', '2.0', '2.0', true],
    ['PyPI', '2.0', '2.0.0', true],
    ['PyPI', '2.0', '2.0.post1', false],
    ['PyPI', '1!2.0', '2.0', false],
    ['NuGet', '13.0.3', '13.0.3.0', true],
    ['NuGet', '1.0.0-BETA', '1.0.0-beta', true],
    ['Packagist', '5.4.47', 'v5.4.47', true],
    ['RubyGems', '1.13', '1.13.0', true],
    ['crates.io', '1.0.195', '1.0.195', true],
    ['crates.io', '1.0.195', '1.0.196', false],
    ['PyPI', '2.0', null, false],
  ] as const)('%s %s selects %s: %s', (...c) => {
    expect(selects(c)).toBe(c[3]);
  });
});

describe('versionFilter: ranges', () => {
  test.each([
    ['npm', '<4.17.21', '4.17.20', true],
    ['npm', '<4.17.21', '4.17.21', false],
    ['npm', '^7', '7.24.0', true],
    ['npm', '^7', '8.0.0', false],
    ['npm', '<4.17.21', '4.17.21-rc.1', true],
    ['npm', '^1', null, false],

    // Maven ranges, and comparators in Maven's order.
    ['Maven', '[2.0,2.17.1)', '2.14.1', true],
    ['Maven', '[2.0,2.17.1)', '2.17.1', false],
    ['Maven', '(,2.17.1]', '2.17.1', true],
    ['Maven', '<30', '29.0-jre', true],
    ['Maven', '<30', '30.0-jre', false],
    ['Maven', '<30', '30-rc1', true],
    ['Maven', '>=5.2 <5.3', '5.2.20.RELEASE', true],
    ['Maven', '>=2.4.0-rc1, <2.4.0', '2.4.0-rc2', true],

    // PyPI: PEP 440 specifiers, epochs and pre-releases.
    ['PyPI', '<2.31', '2.25.0', true],
    ['PyPI', '<2.31', '2.31.0', false],
    ['PyPI', '<2.32', '2.32.0rc1', false],
    ['PyPI', '<2.33', '2.32.0rc1', true],
    ['PyPI', '<2.31', '1!1.0', false],
    ['PyPI', '>=1!0', '1!1.0', true],
    ['PyPI', '~=2.28', '2.28.2', true],
    ['PyPI', '~=2.28', '2.99', true],
    ['PyPI', '~=2.28', '3.0', false],
    ['PyPI', '~=2.28.0', '2.29.0', false],
    ['PyPI', '>=1,<2', '1.9.post1', true],
    ['PyPI', '>=1, <2', '2.0.dev1', false],
    ['PyPI', '==2.*', '2.5.1', true],
    ['PyPI', '==2.*', '3.0', false],
    ['PyPI', '!=2.25.0', '2.25', false],
    ['PyPI', '<3', 'not.a-pep440+version', false],

    // Go: with or without v, pseudo-versions, +incompatible.
    ['Go', '<v0.60.0', 'v0.55.0', true],
    ['Go', '<0.60.0', 'v0.55.0', true],
    ['Go', '>=v0.55.0 <v0.60.0', 'v0.60.0', false],
    ['Go', '<v0.1.0', 'v0.0.0-20210921155107-089bfa567519', true],
    [
      'Go',
      '>v0.0.0-20210921155107-089bfa567519',
      'v0.0.0-20220101000000-abcdefabcdef',
      true,
    ],
    [
      'Go',
      '<v0.0.0-20210921155107-089bfa567519',
      'v0.0.0-20220101000000-abcdefabcdef',
      false,
    ],
    ['Go', '<v20.10.24', 'v20.10.24+incompatible', false],
    ['Go', '<=v20.10.24', 'v20.10.24+incompatible', true],
    ['Go', '!=v1.2.3', 'v1.2.3', false],
    ['Go', '=1.2.3', 'v1.2.3', true],

    // crates.io: Cargo requirements.
    ['crates.io', '<1.0.200', '1.0.195', true],
    ['crates.io', '<1.0.200', '1.0.228', false],
    ['crates.io', '^1.2', '1.9.0', true],
    ['crates.io', '^1.2', '2.0.0', false],
    ['crates.io', '^1.2', '2.0.0-alpha.1', false],
    ['crates.io', '^0.2.3', '0.3.0', false],
    ['crates.io', '^0.0.3', '0.0.4', false],
    ['crates.io', '~1.2', '1.2.9', true],
    ['crates.io', '~1.2', '1.3.0', false],
    ['crates.io', '>=1.0, <2', '1.5.0', true],
    ['crates.io', '>=1.0, <2', '2.0.0', false],
    ['crates.io', '<1.0.0', '1.0.0-rc.1', true],
    ['crates.io', '^1, !=1.0.195', '1.0.195', false],

    // RubyGems: Gem::Requirement, letters make a pre-release.
    ['RubyGems', '<1.13', '1.10.7', true],
    ['RubyGems', '< 1.13', '1.13.0', false],
    ['RubyGems', '< 1.13', '1.13.0.rc1', true],
    ['RubyGems', '~> 1.13', '1.19.4', true],
    ['RubyGems', '~> 1.13', '2.0', false],
    ['RubyGems', '~> 1.13.0', '1.14.0', false],
    ['RubyGems', '>= 1, < 2', '1.0.a', false],
    ['RubyGems', '>= 1.a, < 2', '1.0.a', true],
    ['RubyGems', '!= 1.10.7', '1.10.7', false],

    // NuGet: four parts, labels ignore case, intervals.
    ['NuGet', '<14', '13.0.3', true],
    ['NuGet', '<13.0.3.1', '13.0.3', true],
    ['NuGet', '<=13.0.3', '13.0.3.0', true],
    ['NuGet', '>=12 <13', '13.0.0-beta1', true],
    ['NuGet', '>1.0.0-beta', '1.0.0-BETA', false],
    ['NuGet', '[12.0,14.0)', '13.0.3', true],
    ['NuGet', '[12.0,13.0.3)', '13.0.3', false],
    ['NuGet', '(,13.0.3]', '13.0.3', true],
    ['NuGet', '[13.0.3]', '13.0.3.0', true],

    // Packagist: Composer constraints, v prefixes.
    ['Packagist', '^5.4', 'v5.4.47', true],
    ['Packagist', '^5.4', 'v6.0.0', false],
    ['Packagist', '^5.4', 'v6.0.0-beta1', false],
    ['Packagist', '^0.3', 'v0.4.0', false],
    ['Packagist', '~5.4', 'v5.9.0', true],
    ['Packagist', '~5.4.0', 'v5.5.0', false],
    ['Packagist', '<6.0', 'v6.0.0-RC1', false],
    ['Packagist', '>=v5.4 <v6', 'v5.4.0-beta1', true],
    ['Packagist', '>=5.4, <6', 'v8.1.0', false],
    ['Packagist', '^5.4 || ^8.0', 'v8.1.0', true],
    ['Packagist', '!=5.4.47', 'v5.4.47', false],
    // Composer wildcards and hyphen ranges (composer/semver's VersionParser).
    ['Packagist', '8.1.*', 'v8.1.3', true],
    ['Packagist', '8.1.*', 'v8.1.0-beta1', true],
    ['Packagist', '8.1.*', 'v8.2.0', false],
    ['Packagist', '8.*', 'v8.9.9', true],
    ['Packagist', '8.*', 'v9.0.0', false],
    ['Packagist', '*', 'v0.0.1', true],
    ['Packagist', '8.0 - 8.2', 'v8.2.9', true],
    ['Packagist', '8.0 - 8.2', 'v8.3.0', false],
    ['Packagist', '8.0.0 - 8.2.0', 'v8.2.1', false],
    ['Packagist', '8.0.0 - 8.2.0', 'v8.2.0', true],
    ['Packagist', '^5.4 || 8.1.*', 'v8.1.3', true],
  ] as const)('%s %s selects %s: %s', (...c) => {
    expect(selects(c)).toBe(c[3]);
  });
});

describe('versionFilter: ranges an ecosystem cannot read', () => {
  test.each([
    ['npm', 'not a range!'],
    ['Maven', '[2.0,1.0]'],
    ['Maven', '^2.0'],
    ['PyPI', '^2.28'],
    ['PyPI', '>=1 <2'],
    ['Go', '^v0.55.0'],
    ['Go', '<not-a-version'],
    ['crates.io', '^1 || ^2'],
    ['crates.io', '>=garbage'],
    ['RubyGems', '^1.13'],
    ['RubyGems', '>= 1 < 2'],
    ['NuGet', '[2.0,1.0]'],
    ['NuGet', '~1.2'],
    ['Packagist', '~>5.4'],
    ['Packagist', '<5.4 &&'],
  ])('%s %s', (ecosystem, wanted) => {
    const read = () => versionFilter(ecosystem, wanted);

    expect(read).toThrow(
      expect.objectContaining({
        code: 'ERR_VERSION_RANGE',
        message: expect.stringContaining(`"${wanted}"`),
      }),
    );
  });

  test('the message names the ecosystem and its syntax', () => {
    const read = () => versionFilter('PyPI', '^2.28');

    expect(read).toThrow(/for PyPI; PyPI takes PEP 440 specifiers/);
  });
});
