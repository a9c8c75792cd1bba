import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  cycloneDx16Validator,
  spdx23Validator,
} from '../sbom/export/__fixtures__/validators.js';
import { PROJECT_DIR } from '../test-support/shared.js';
import { main } from './main.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qm-sbom-cli-'));
const acme = path.join(dir, 'acme');
const db = path.join(dir, 'qm.db');

/** Runs the command line in-process; returns its exit code and output. */
async function run(args: string[]) {
  const capture = (stream: NodeJS.WriteStream, into: string[]) =>
    vi
      .spyOn(stream, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        into.push(String(chunk));
        return true;
      });
  const out: string[] = [];
  const errors: string[] = [];
  const spies = [capture(process.stdout, out), capture(process.stderr, errors)];
  try {
    const code = await main(['node', 'quartermaster', '--db', db, ...args]);
    return { code, stdout: out.join(''), stderr: errors.join('') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/* Independent count: distinct name@version among the lockfile's installs. */
function lockfilePackages(service: string): Set<string> {
  const lock = JSON.parse(
    readFileSync(path.join(acme, service, 'package-lock.json'), 'utf8'),
  ) as { packages: Record<string, { version?: string; link?: boolean }> };
  const out = new Set<string>();
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where === '' || entry.link) continue;
    const name = where.slice(where.lastIndexOf('node_modules/') + 13);
    out.add(`${name}@${entry.version}`);
  }
  return out;
}

beforeAll(async () => {
  cpSync(path.join(PROJECT_DIR, 'examples/acme'), acme, { recursive: true });
  expect((await run(['scan', acme])).code).toBeLessThan(2);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('quartermaster sbom', () => {
  test('names the repositories when two descriptors give one name', async () => {
    const twins = path.join(dir, 'described-twins');
    for (const copy of ['one', 'two']) {
      const repo = path.join(twins, copy);
      cpSync(path.join(PROJECT_DIR, 'examples/acme/platform-catalog'), repo, {
        recursive: true,
      });
      writeFileSync(
        path.join(repo, 'catalog-info.yaml'),
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n' +
          '  name: twin\nspec:\n  type: service\n  owner: squad-a\n',
      );
    }

    const result = await run(['sbom', twins, '--service', 'twin']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ERR_SBOM_SERVICE_CHOICE');
    expect(result.stderr).toContain(
      `twin in ${path.join(twins, 'one')}; twin in ${path.join(twins, 'two')}`,
    );
  });

  test('names a second service of the same name as a scan would', async () => {
    // Two copies of one repository: the same implicit service twice; the
    // second takes its repository's folder as a suffix, as in the store.
    const twins = path.join(dir, 'twins');
    for (const copy of ['one', 'two'])
      cpSync(
        path.join(PROJECT_DIR, 'examples/acme/platform-catalog'),
        path.join(twins, copy),
        { recursive: true },
      );

    const second = await run([
      'sbom',
      twins,
      '--service',
      'platform-catalog-two',
      '--format',
      'cyclonedx',
    ]);

    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).metadata.component.name).toBe(
      'platform-catalog-two',
    );
  });

  test.each([
    [
      'an unknown service',
      ['sbom', 'no-such-service'],
      'ERR_SERVICE_NOT_FOUND',
    ],
    ['a folder of several services', ['sbom', acme], 'ERR_SBOM_SERVICE_CHOICE'],
    [
      'a service the folder lacks',
      ['sbom', acme, '--service', 'nope'],
      'ERR_SBOM_SERVICE_NOT_IN_PATH',
    ],
    ['an unknown format', ['sbom', 'x', '--format', 'swid'], 'invalid'],
  ])('exits 2 for %s', async (_, args, message) => {
    const result = await run(args);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('prints to stdout without --output', async () => {
    const result = await run(['sbom', 'platform-catalog']);
    const bom = JSON.parse(result.stdout) as {
      components: Array<{ purl: string }>;
    };

    expect(result.code).toBe(0);
    expect(cycloneDx16Validator()(bom)).toBe(true);
    expect(bom.components.map((c) => c.purl).sort()).toEqual(
      [...lockfilePackages('platform-catalog')]
        .map((p) => `pkg:npm/${p}`)
        .sort(),
    );
  });

  test.each([
    ['from the store', 'payments-gateway', 'cyclonedx'],
    ['from the store', 'checkout-api', 'spdx'],
    ['from a folder', acme, 'cyclonedx'],
    ['from a folder', acme, 'spdx'],
  ])('%s, %s as %s', async (_, target, format) => {
    const service = target === acme ? 'web-storefront' : target;
    const out = path.join(dir, `${service}-${format}.json`);
    const extra = target === acme ? ['--service', service] : [];

    const result = await run([
      'sbom',
      target,
      '--format',
      format,
      '--output',
      out,
      ...extra,
    ]);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as {
      components?: Array<{ name: string; group?: string; version: string }>;
      packages?: Array<{
        name: string;
        versionInfo?: string;
        externalRefs?: unknown;
      }>;
    };

    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    const expected = lockfilePackages(service);
    const listed =
      format === 'cyclonedx'
        ? cycloneDx16Validator()(doc) &&
          doc.components!.map(
            (c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`,
          )
        : spdx23Validator()(doc).length === 0 &&
          doc
            .packages!.filter((p) => p.externalRefs)
            .map((p) => `${p.name}@${p.versionInfo}`);
    expect(listed && new Set(listed)).toEqual(expected);
  });
});
