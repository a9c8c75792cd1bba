import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, test } from 'vitest';
import { scan } from '../scan/scan.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { CORPUS_DIR, PROJECT_DIR, SHARED_DIR } from '../test-support/shared.js';
import { advisoryTables } from '../store/advisories/tables.js';
import type { QmDatabase } from '../store/database.js';
import { importAdvisories, listFindings, matchAll } from './index.js';

const NPM_ADVISORIES = path.join(
  SHARED_DIR,
  'advisories/github-advisory-database/npm',
);

interface RawAdvisory {
  id: string;
  affected: Array<{
    package: { name: string };
    ranges?: Array<{ events: Array<Record<string, string>> }>;
    versions?: string[];
  }>;
}

/** Every name@version of a v1 package-lock, read by walking its own tree. */
function lockfileVersions(file: string): Set<string> {
  type Deps = Record<string, { version: string; dependencies?: Deps }>;
  const out = new Set<string>();
  const walk = (deps: Deps | undefined) => {
    for (const [name, entry] of Object.entries(deps ?? {})) {
      out.add(`${name}@${entry.version}`);
      walk(entry.dependencies);
    }
  };
  walk(
    (JSON.parse(readFileSync(file, 'utf8')) as { dependencies: Deps })
      .dependencies,
  );
  return out;
}

/**
 * The independent route: each GHSA range turned into a node-semver range
 * string (`>=introduced <fixed`, `<=last_affected`) and tested with
 * semver.satisfies, plus the explicit versions lists.
 */
function expectedFindings(versions: Set<string>): string[] {
  const out = new Set<string>();
  for (const file of readdirSync(NPM_ADVISORIES)) {
    const advisory = JSON.parse(
      readFileSync(path.join(NPM_ADVISORIES, file), 'utf8'),
    ) as RawAdvisory;
    for (const entry of advisory.affected) {
      const name = entry.package.name.toLowerCase();
      const ranges = (entry.ranges ?? []).map((r) =>
        r.events
          .map((e) =>
            e.introduced !== undefined
              ? e.introduced === '0'
                ? '>=0.0.0'
                : `>=${e.introduced}`
              : e.fixed !== undefined
                ? `<${e.fixed}`
                : `<=${e.last_affected}`,
          )
          .join(' '),
      );
      for (const key of versions) {
        const at = key.lastIndexOf('@');
        const [pkg, version] = [key.slice(0, at), key.slice(at + 1)];
        if (pkg !== name) continue;
        const hit =
          (entry.versions ?? []).includes(version) ||
          ranges.some((range) =>
            semver.satisfies(version, range, { includePrerelease: true }),
          );
        if (hit) out.add(`${key} ${advisory.id}`);
      }
    }
  }
  return [...out].sort();
}

function copyOfNpmCli(): string {
  const repository = mkdtempSync(path.join(tmpdir(), 'qm-e2e-'));
  cpSync(path.join(CORPUS_DIR, 'npm-cli-v6'), repository, { recursive: true });
  return repository;
}

async function findingKeys(db: QmDatabase): Promise<string[]> {
  const findings = await listFindings(db);
  return [
    ...new Set(
      findings.map(
        (f) => `${f.package.name}@${f.package.version} ${f.vulnerability.id}`,
      ),
    ),
  ].sort();
}

describe.each(TEST_DIALECTS)(
  'scan, import and match a real lockfile on %s',
  (dialect) => {
    const store = useTestStore(dialect);

    test('npm-cli v6: findings equal what node-semver says of the advisories', async () => {
      const repository = mkdtempSync(path.join(tmpdir(), 'qm-e2e-'));
      cpSync(path.join(CORPUS_DIR, 'npm-cli-v6'), repository, {
        recursive: true,
      });
      await scan({ db: store.db, paths: [repository] });
      const expected = expectedFindings(
        lockfileVersions(path.join(repository, 'package-lock.json')),
      );

      await importAdvisories(store.db, NPM_ADVISORIES);

      const findings = await listFindings(store.db);
      const actual = [
        ...new Set(
          findings.map(
            (f) =>
              `${f.package.name}@${f.package.version} ${f.vulnerability.id}`,
          ),
        ),
      ].sort();
      expect(expected.length).toBeGreaterThan(5);
      expect(actual).toEqual(expected);
    }, 60_000);

    test('advisories first: the scan matches its new snapshots, and a re-scan drops what left', async () => {
      const repository = copyOfNpmCli();
      const lockfile = path.join(repository, 'package-lock.json');
      await importAdvisories(store.db, NPM_ADVISORIES);

      const first = await scan({ db: store.db, paths: [repository] });
      const before = await listFindings(store.db);

      expect(first.matched?.findings).toBe(before.length);
      expect(await findingKeys(store.db)).toEqual(
        expectedFindings(lockfileVersions(lockfile)),
      );
      // The independent route: a full match finds nothing left to write.
      expect(await matchAll(store.db)).toMatchObject({
        written: 0,
        removed: 0,
      });

      // Drop one vulnerable top-level package (found nowhere else in the
      // tree) from the lockfile and re-scan.
      const text = readFileSync(lockfile, 'utf8');
      const without = (name: string) => {
        const lock = JSON.parse(text) as {
          dependencies: Record<string, unknown>;
        };
        delete lock.dependencies[name];
        return lock;
      };
      const gone = before.find((f) => {
        writeFileSync(lockfile, JSON.stringify(without(f.package.name)));
        return !lockfileVersions(lockfile).has(
          `${f.package.name}@${f.package.version}`,
        );
      })!.package;
      writeFileSync(lockfile, JSON.stringify(without(gone.name)));
      await scan({ db: store.db, paths: [repository] });
      const after = await listFindings(store.db);

      expect(await findingKeys(store.db)).toEqual(
        expectedFindings(lockfileVersions(lockfile)),
      );
      expect(after.some((f) => f.package.purl === gone.purl)).toBe(false);
      expect(after.length).toBeGreaterThan(0);
      // Findings that stayed keep their first-seen date; none is left on
      // the superseded snapshot.
      const seen = new Map(
        before.map((f) => [`${f.package.purl} ${f.vulnerability.id}`, f]),
      );
      for (const f of after)
        expect(f.firstSeen).toBe(
          seen.get(`${f.package.purl} ${f.vulnerability.id}`)?.firstSeen,
        );
      const rows = await advisoryTables(store.db)
        .selectFrom('findings')
        .select('id')
        .execute();
      expect(rows).toHaveLength(after.length);
    }, 60_000);

    test('a match in chunks of one snapshot finds and keeps what one pass does', async () => {
      const org = mkdtempSync(path.join(tmpdir(), 'qm-e2e-org-'));
      cpSync(path.join(PROJECT_DIR, 'examples', 'acme'), org, {
        recursive: true,
      });
      cpSync(copyOfNpmCli(), path.join(org, 'npm-cli'), { recursive: true });
      await scan({ db: store.db, paths: [org] });
      await importAdvisories(store.db, NPM_ADVISORIES);
      const onePass = await listFindings(store.db);
      const services = new Set(onePass.map((f) => f.service.name));
      const chunked = { chunkPackageEntries: 1 };

      // Nothing changed: every chunk finds its findings already stored.
      expect(await matchAll(store.db, chunked)).toMatchObject({
        snapshots: 7,
        findings: onePass.length,
        written: 0,
        removed: 0,
      });
      // From empty: the same findings, chunk by chunk.
      await advisoryTables(store.db).deleteFrom('findings').execute();
      await matchAll(store.db, chunked);
      const strip = (f: (typeof onePass)[number]) => ({ ...f, firstSeen: '' });
      expect(services.size).toBeGreaterThan(2);
      expect((await listFindings(store.db)).map(strip)).toEqual(
        onePass.map(strip),
      );
    }, 60_000);

    test('snapshots stored without node metrics are matched from their graph alike', async () => {
      await scan({ db: store.db, paths: [copyOfNpmCli()] });
      await importAdvisories(store.db, NPM_ADVISORIES);
      const withStored = await listFindings(store.db);
      await store.db
        .updateTable('snapshot_packages')
        .set({ depth: null, paths: null })
        .execute();
      await advisoryTables(store.db).deleteFrom('findings').execute();

      await matchAll(store.db);

      const strip = (f: (typeof withStored)[number]) => ({
        ...f,
        firstSeen: '',
      });
      expect((await listFindings(store.db)).map(strip)).toEqual(
        withStored.map(strip),
      );
      expect(withStored.some((f) => !f.direct && (f.depth ?? 0) > 1)).toBe(
        true,
      );
    }, 60_000);
  },
);
