import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EcosystemName } from '../../core/model.js';
import { SHARED_DIR } from '../../test-support/shared.js';
import { mergeRecords } from '../merge.js';
import type { AffectedPackage, Vulnerability } from '../model.js';
import { osvFeed } from '../sources/osv/index.js';
import { isAffected } from './affected.js';
import { matchVulnerability } from './match-vulnerability.js';

const ADVISORIES = path.join(SHARED_DIR, 'advisories');

async function load(file: string): Promise<Vulnerability> {
  const batch = await osvFeed.read(path.join(ADVISORIES, file));
  const [vulnerability] = mergeRecords(batch.records);
  if (!vulnerability) throw new Error(`no record in ${file}`);
  return vulnerability;
}

const GHSA = 'github-advisory-database';

// Expected values read by hand from each advisory's ranges (see the comment
// on each group); `fixed` is the nearest fixed version above the version.
const CASES: Array<[string, EcosystemName, string, string, boolean, string[]]> =
  [
    // Log4Shell: [2.13.0, 2.15.0), [0, 2.3.1), [2.4, 2.12.2)
    [
      `${GHSA}/maven/GHSA-jfh8-c2jp-5v3q.json`,
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.14.1',
      true,
      ['2.15.0'],
    ],
    [
      `${GHSA}/maven/GHSA-jfh8-c2jp-5v3q.json`,
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.17.1',
      false,
      [],
    ],
    [
      `${GHSA}/maven/GHSA-jfh8-c2jp-5v3q.json`,
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.15.0',
      false,
      [],
    ],
    [
      `${GHSA}/maven/GHSA-jfh8-c2jp-5v3q.json`,
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.13.0',
      true,
      ['2.15.0'],
    ],
    [
      `${GHSA}/maven/GHSA-jfh8-c2jp-5v3q.json`,
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.12.1',
      true,
      ['2.12.2'],
    ],
    [
      `${GHSA}/maven/GHSA-jfh8-c2jp-5v3q.json`,
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.12.2',
      false,
      [],
    ],
    [
      `${GHSA}/maven/GHSA-jfh8-c2jp-5v3q.json`,
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.3',
      true,
      ['2.3.1'],
    ],
    // log4j 1.x: only `introduced: 1.2.0`, never fixed
    [
      `${GHSA}/maven/GHSA-fp5r-v3w9-4333.json`,
      'Maven',
      'log4j:log4j',
      '1.2.17',
      true,
      [],
    ],
    [
      `${GHSA}/maven/GHSA-fp5r-v3w9-4333.json`,
      'Maven',
      'log4j:log4j',
      '1.1.3',
      false,
      [],
    ],
    // vm2: [0, last_affected 3.9.19]
    [`${GHSA}/npm/GHSA-cchq-frgv-rjh5.json`, 'npm', 'vm2', '3.9.19', true, []],
    [`${GHSA}/npm/GHSA-cchq-frgv-rjh5.json`, 'npm', 'vm2', '3.9.20', false, []],
    // qs: nine back-ported ranges, among them [6.5.0, 6.5.3) and [0, 6.2.4)
    [
      `${GHSA}/npm/GHSA-hrpp-h998-j3pp.json`,
      'npm',
      'qs',
      '6.5.2',
      true,
      ['6.5.3'],
    ],
    [`${GHSA}/npm/GHSA-hrpp-h998-j3pp.json`, 'npm', 'qs', '6.5.3', false, []],
    [
      `${GHSA}/npm/GHSA-hrpp-h998-j3pp.json`,
      'npm',
      'qs',
      '6.2.3',
      true,
      ['6.2.4'],
    ],
    // ua-parser-js: explicit versions 0.7.29, 0.8.0, 1.0.0
    [
      `${GHSA}/npm/GHSA-pjwm-rvh2-c87w.json`,
      'npm',
      'ua-parser-js',
      '0.7.29',
      true,
      ['0.7.30'],
    ],
    [
      `${GHSA}/npm/GHSA-pjwm-rvh2-c87w.json`,
      'npm',
      'ua-parser-js',
      '0.7.28',
      false,
      [],
    ],
    // axios written `Axios`: [1.3.2, 1.7.4)
    [
      `${GHSA}/npm/GHSA-8hc4-vh64-cxmj.json`,
      'npm',
      'axios',
      '1.7.3',
      true,
      ['1.7.4'],
    ],
    [
      `${GHSA}/npm/GHSA-8hc4-vh64-cxmj.json`,
      'npm',
      'axios',
      '1.7.4',
      false,
      [],
    ],
    // node-fetch: introduced `1.0` (not SemVer) to 3.1.1, and [0, 2.6.7)
    [
      `${GHSA}/npm/GHSA-r683-j2x4-v87g.json`,
      'npm',
      'node-fetch',
      '3.1.0',
      true,
      ['3.1.1'],
    ],
    [
      `${GHSA}/npm/GHSA-r683-j2x4-v87g.json`,
      'npm',
      'node-fetch',
      '2.6.6',
      true,
      ['2.6.7', '3.1.1'],
    ],
    [
      `${GHSA}/npm/GHSA-r683-j2x4-v87g.json`,
      'npm',
      'node-fetch',
      '3.1.1',
      false,
      [],
    ],
    // PyPI jinja2: [0, 3.1.3)
    [
      `${GHSA}/pypi/GHSA-h5c8-rqwp-cp95.json`,
      'PyPI',
      'Jinja2',
      '3.1.2',
      true,
      ['3.1.3'],
    ],
    [
      `${GHSA}/pypi/GHSA-h5c8-rqwp-cp95.json`,
      'PyPI',
      'jinja2',
      '3.1.3rc1',
      true,
      ['3.1.3'],
    ],
    [
      `${GHSA}/pypi/GHSA-h5c8-rqwp-cp95.json`,
      'PyPI',
      'jinja2',
      '3.1.3',
      false,
      [],
    ],
    // PyPI py (YAML): [0, last_affected 1.11.0] and a versions list
    [
      'pypa-advisory-database/PYSEC-2022-42969.yaml',
      'PyPI',
      'py',
      '1.11.0',
      true,
      [],
    ],
    [
      'pypa-advisory-database/PYSEC-2022-42969.yaml',
      'PyPI',
      'py',
      '1.11.1',
      false,
      [],
    ],
    // Go golang.org/x/net: [0, 0.17.0); stdlib [0, 1.20.10) and [1.21.0-0, 1.21.3)
    [
      'golang-vulndb/GO-2023-2102.json',
      'Go',
      'golang.org/x/net',
      'v0.16.0',
      true,
      ['0.17.0'],
    ],
    [
      'golang-vulndb/GO-2023-2102.json',
      'Go',
      'golang.org/x/net',
      'v0.17.0',
      false,
      [],
    ],
    [
      'golang-vulndb/GO-2023-2102.json',
      'Go',
      'stdlib',
      '1.21.2',
      true,
      ['1.21.3'],
    ],
    ['golang-vulndb/GO-2023-2102.json', 'Go', 'stdlib', '1.20.10', false, []],
    // jwt-go: pseudo-version to last_affected 3.2.0; v4 [0, 4.0.0-preview1)
    [
      `${GHSA}/go/GHSA-w73w-5m7g-f7qc.json`,
      'Go',
      'github.com/dgrijalva/jwt-go',
      'v3.2.0+incompatible',
      true,
      [],
    ],
    [
      `${GHSA}/go/GHSA-w73w-5m7g-f7qc.json`,
      'Go',
      'github.com/dgrijalva/jwt-go/v4',
      'v4.0.0-20190801183030-1e7d4ad6e6e4',
      true,
      ['4.0.0-preview1'],
    ],
    [
      `${GHSA}/go/GHSA-w73w-5m7g-f7qc.json`,
      'Go',
      'github.com/dgrijalva/jwt-go/v4',
      'v4.0.0-preview1',
      false,
      [],
    ],
    // docker: introduced `19.03.0` (not Go semver) to 23.0.15
    [
      `${GHSA}/go/GHSA-v23v-6jw2-98fq.json`,
      'Go',
      'github.com/docker/docker',
      'v20.10.24+incompatible',
      true,
      ['23.0.15'],
    ],
    [
      `${GHSA}/go/GHSA-v23v-6jw2-98fq.json`,
      'Go',
      'github.com/docker/docker',
      'v23.0.15+incompatible',
      false,
      [],
    ],
    // crates.io tokio: [1.7.0, 1.18.4), [1.19.0, 1.20.3), [1.21.0, 1.23.1)
    [
      `${GHSA}/crates.io/GHSA-7rrj-xr53-82p7.json`,
      'crates.io',
      'tokio',
      '1.18.3',
      true,
      ['1.18.4'],
    ],
    [
      `${GHSA}/crates.io/GHSA-7rrj-xr53-82p7.json`,
      'crates.io',
      'tokio',
      '1.18.4',
      false,
      [],
    ],
    [
      `${GHSA}/crates.io/GHSA-7rrj-xr53-82p7.json`,
      'crates.io',
      'tokio',
      '1.6.9',
      false,
      [],
    ],
    // RubyGems nokogiri: [0, 1.13.4); activerecord four-part fixes
    [
      `${GHSA}/rubygems/GHSA-crjr-9rc5-ghw8.json`,
      'RubyGems',
      'nokogiri',
      '1.13.3',
      true,
      ['1.13.4'],
    ],
    [
      `${GHSA}/rubygems/GHSA-crjr-9rc5-ghw8.json`,
      'RubyGems',
      'nokogiri',
      '1.13.4',
      false,
      [],
    ],
    [
      `${GHSA}/rubygems/GHSA-3hhc-qp5v-9p2j.json`,
      'RubyGems',
      'activerecord',
      '7.0.3',
      true,
      ['7.0.3.1'],
    ],
    [
      `${GHSA}/rubygems/GHSA-3hhc-qp5v-9p2j.json`,
      'RubyGems',
      'activerecord',
      '7.0.3.1',
      false,
      [],
    ],
    // NuGet Newtonsoft.Json: [0, 13.0.1)
    [
      `${GHSA}/nuget/GHSA-5crp-9r3c-p9vr.json`,
      'NuGet',
      'Newtonsoft.Json',
      '12.0.3',
      true,
      ['13.0.1'],
    ],
    [
      `${GHSA}/nuget/GHSA-5crp-9r3c-p9vr.json`,
      'NuGet',
      'newtonsoft.json',
      '13.0.1.0',
      false,
      [],
    ],
    // Packagist guzzle: [0, 6.5.8), [7.0.0, 7.4.5)
    [
      `${GHSA}/packagist/GHSA-25mq-v84q-4j7r.json`,
      'Packagist',
      'guzzlehttp/guzzle',
      '7.4.4',
      true,
      ['7.4.5'],
    ],
    [
      `${GHSA}/packagist/GHSA-25mq-v84q-4j7r.json`,
      'Packagist',
      'guzzlehttp/guzzle',
      'v6.5.7',
      true,
      ['6.5.8'],
    ],
    [
      `${GHSA}/packagist/GHSA-25mq-v84q-4j7r.json`,
      'Packagist',
      'guzzlehttp/guzzle',
      '7.4.5',
      false,
      [],
    ],
    [
      `${GHSA}/packagist/GHSA-25mq-v84q-4j7r.json`,
      'Packagist',
      'guzzlehttp/guzzle',
      '7.0.0-beta1',
      false,
      [],
    ],
  ];

describe('matchVulnerability on real advisories', () => {
  it.each(CASES)(
    '%s: %s %s %s -> %s',
    async (file, ecosystem, name, version, affected, fixed) => {
      const vulnerability = await load(file);

      const match = matchVulnerability(vulnerability, {
        ecosystem,
        name,
        version,
      });

      expect(match !== undefined).toBe(affected);
      expect(match?.fixedVersions ?? []).toEqual(fixed);
    },
  );

  it('never matches a withdrawn advisory, though its range holds the version', async () => {
    // GO-2024-2730 (withdrawn): gorilla/sessions, introduced 0, never fixed.
    const vulnerability = await load('golang-vulndb/GO-2024-2730.json');
    const entry = vulnerability.records[0]?.affected[0] as AffectedPackage;
    const pkg = {
      ecosystem: 'Go' as const,
      name: 'github.com/gorilla/sessions',
      version: 'v1.2.1',
    };

    const inRange = isAffected('Go', pkg.version, entry);
    const match = matchVulnerability(vulnerability, pkg);

    expect(inRange).toBe(true);
    expect(match).toBeUndefined();
  });
});

describe('isAffected events', () => {
  const entry = (
    events: AffectedPackage['ranges'][number]['events'],
    type = 'ECOSYSTEM',
  ): AffectedPackage => ({
    ecosystem: 'npm',
    name: 'x',
    ranges: [{ type, events }],
    versions: [],
    severity: [],
  });

  it.each([
    [
      '1.0.0',
      [
        { kind: 'introduced', version: '1.0.0' },
        { kind: 'fixed', version: '2.0.0' },
      ],
      true,
    ],
    [
      '2.0.0',
      [
        { kind: 'introduced', version: '1.0.0' },
        { kind: 'fixed', version: '2.0.0' },
      ],
      false,
    ],
    [
      '0.9.0',
      [
        { kind: 'introduced', version: '1.0.0' },
        { kind: 'fixed', version: '2.0.0' },
      ],
      false,
    ],
    [
      '2.0.0',
      [
        { kind: 'introduced', version: '1.0.0' },
        { kind: 'last_affected', version: '2.0.0' },
      ],
      true,
    ],
    [
      '2.0.1',
      [
        { kind: 'introduced', version: '1.0.0' },
        { kind: 'last_affected', version: '2.0.0' },
      ],
      false,
    ],
    [
      '5.0.0',
      [
        { kind: 'introduced', version: '0' },
        { kind: 'limit', version: '3.0.0' },
      ],
      false,
    ],
    [
      '2.0.0',
      [
        { kind: 'introduced', version: '0' },
        { kind: 'limit', version: '3.0.0' },
      ],
      true,
    ],
    // Events out of order still read in version order.
    [
      '1.5.0',
      [
        { kind: 'fixed', version: '2.0.0' },
        { kind: 'introduced', version: '1.0.0' },
      ],
      true,
    ],
  ] as const)('%s in %j -> %s', (version, events, expected) => {
    const result = isAffected('npm', version, entry([...events]));

    expect(result).toBe(expected);
  });

  it('ignores GIT ranges for package versions', () => {
    const result = isAffected(
      'npm',
      '1.0.0',
      entry([{ kind: 'introduced', version: '0' }], 'GIT'),
    );

    expect(result).toBe(false);
  });
});
