import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EcosystemName } from '../core/model.js';
import { scan } from '../scan/scan.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { CORPUS_DIR } from '../test-support/shared.js';
import { whoUses } from './who-uses.js';

const PROJECTS = [
  'warehouse',
  'guac',
  'bat',
  'mastodon-bundler',
  'bitwarden-server',
  'composer',
  'sbom-cdx-dropwizard',
];

/** The first capture of `pattern` in a corpus file: the locked version. */
function lockedVersion(file: string, pattern: RegExp): string {
  const text = readFileSync(path.join(CORPUS_DIR, file), 'utf8');
  const found = pattern.exec(text)?.[1];
  if (!found) throw new Error(`${file} no longer locks ${String(pattern)}`);
  return found;
}

/** bitwarden-server services (one per src/ folder) locking Newtonsoft.Json. */
function newtonsoftUsers(): Map<string, string> {
  const src = path.join(CORPUS_DIR, 'bitwarden-server/src');
  const out = new Map<string, string>();
  for (const folder of readdirSync(src)) {
    const file = path.join(src, folder, 'packages.lock.json');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const found = /"Newtonsoft\.Json": \{[^}]*?"resolved": "([^"]+)"/i.exec(
      text,
    )?.[1];
    if (found) out.set(folder, found);
  }
  return out;
}

interface RangeCase {
  query: string;
  ecosystem: EcosystemName;
  name: string;
  /** A range that holds the locked version, and one that does not. */
  inside: string;
  outside: string;
  services: string[];
  locked: string;
}

/** Each expectation comes from the lockfile text, not from a scan. */
const CASES: RangeCase[] = [
  {
    query: 'pypi:requests',
    ecosystem: 'PyPI',
    name: 'requests',
    inside: '<2.31',
    outside: '~=2.28',
    services: ['warehouse'],
    locked: lockedVersion(
      'warehouse/requirements/main.txt',
      /^requests==(\S+)/m,
    ),
  },
  {
    query: 'golang.org/x/crypto',
    ecosystem: 'Go',
    name: 'golang.org/x/crypto',
    inside: '<v0.60.0',
    outside: '>=0.56, <1',
    services: ['guac'],
    locked: lockedVersion('guac/go.mod', /golang\.org\/x\/crypto (v\S+)/),
  },
  {
    query: 'cargo:serde',
    ecosystem: 'crates.io',
    name: 'serde',
    inside: '<1.0.300',
    outside: '<1.0.200',
    services: ['bat'],
    locked: lockedVersion(
      'bat/Cargo.lock',
      /name = "serde"\nversion = "([^"]+)"/,
    ),
  },
  {
    query: 'gem:nokogiri',
    ecosystem: 'RubyGems',
    name: 'nokogiri',
    inside: '< 1.13',
    outside: '~> 1.13',
    services: ['mastodon-bundler'],
    locked: lockedVersion(
      'mastodon-bundler/Gemfile.lock',
      /^ {4}nokogiri \(([^)]+)\)/m,
    ),
  },
  {
    query: 'packagist:symfony/console',
    ecosystem: 'Packagist',
    name: 'symfony/console',
    inside: '^5.4',
    outside: '^6.0 || ^7.0',
    services: ['composer-composer'],
    locked: lockedVersion(
      'composer/composer.lock',
      /"name": "symfony\/console",\s*"version": "([^"]+)"/,
    ),
  },
  {
    query: 'maven:com.google.guava:guava',
    ecosystem: 'Maven',
    name: 'com.google.guava:guava',
    inside: '<30',
    outside: '>=25',
    services: ['io.dropwizard-dropwizard-parent'],
    locked: lockedVersion(
      'sbom-cdx-dropwizard/bom.json',
      /"group": "com\.google\.guava",\s*"name": "guava",\s*"version": "([^"]+)"/,
    ),
  },
];

describe.each(TEST_DIALECTS)('who-uses with a range on %s', (dialect) => {
  const store = useTestStore(dialect, { per: 'file' });

  beforeAll(async () => {
    // The scan writes nothing into repositories, but copies keep it honest.
    const org = mkdtempSync(path.join(tmpdir(), 'qm-ranges-'));
    for (const project of PROJECTS) {
      cpSync(path.join(CORPUS_DIR, project), path.join(org, project), {
        recursive: true,
      });
    }
    await scan({ db: store.db, paths: [org] });
  });

  test.each(CASES)(
    '$query@$inside finds $services',
    async ({ ecosystem, name, inside, services, locked }) => {
      const result = await whoUses(store.db, {
        name,
        ecosystem,
        version: inside,
      });

      const found = result.services.map((s) => s.name).sort();
      const versions = result.services.flatMap((s) =>
        s.matches.map((m) => m.version),
      );
      expect(found).toEqual(services);
      expect(new Set(versions)).toEqual(new Set([locked]));
    },
  );

  test.each(CASES)(
    '$query@$outside finds nothing',
    async ({ ecosystem, name, outside }) => {
      const result = await whoUses(store.db, {
        name,
        ecosystem,
        version: outside,
      });

      expect(result.total).toBe(0);
    },
  );

  test('nuget:newtonsoft.json@<14 finds every service its lockfiles name', async () => {
    const expected = [...newtonsoftUsers()]
      .filter(([, version]) => Number(version.split('.')[0]) < 14)
      .map(([service]) => service)
      .sort();

    const result = await whoUses(store.db, {
      name: 'newtonsoft.json',
      ecosystem: 'NuGet',
      version: '<14',
      limit: 100,
    });

    expect(expected.length).toBeGreaterThan(5);
    expect(result.services.map((s) => s.name).sort()).toEqual(expected);
  });

  test('NuGet intervals: [13.0.3] finds the 13.0.3 users, [12.0,13.0.3) none', async () => {
    const users = [...newtonsoftUsers()];
    const on1303 = users.filter(([, v]) => v === '13.0.3').map(([s]) => s);

    const exact = await whoUses(store.db, {
      name: 'Newtonsoft.Json',
      ecosystem: 'NuGet',
      version: '[13.0.3]',
      limit: 100,
    });
    const below = await whoUses(store.db, {
      name: 'newtonsoft.json',
      ecosystem: 'NuGet',
      version: '[12.0,13.0.3)',
    });

    // Every bitwarden lockfile resolves 13.0.3, so nothing is below it.
    expect(on1303).toEqual(users.map(([s]) => s));
    expect(exact.services.map((s) => s.name).sort()).toEqual(on1303.sort());
    expect(below.total).toBe(0);
  });

  test('a range PyPI cannot read is an input error', async () => {
    const query = whoUses(store.db, {
      name: 'requests',
      ecosystem: 'PyPI',
      version: '^2.28',
    });

    await expect(query).rejects.toMatchObject({ code: 'ERR_VERSION_RANGE' });
  });
});
