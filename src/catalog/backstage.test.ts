import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, repositoryAt } from '../test-support/shared.js';
import { readCatalogDescriptors } from './backstage.js';
import { normalizeEntityRef } from './entity-ref.js';

const made: string[] = [];

function temporaryRepository(files: Record<string, string>, copyOf?: string) {
  const root = mkdtempSync(path.join(tmpdir(), 'qm-backstage-'));
  made.push(root);
  if (copyOf) cpSync(copyOf, root, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return repositoryAt(root);
}

afterAll(() =>
  made.forEach((d) => rmSync(d, { recursive: true, force: true })),
);

describe('normalizeEntityRef', () => {
  it.each([
    ['team-a', 'group', 'default', 'group:default/team-a'],
    ['user:jdoe', 'group', 'default', 'user:default/jdoe'],
    ['Group:ops/team-b', 'group', 'default', 'group:ops/team-b'],
    ['team-c', 'group', 'payments', 'group:payments/team-c'],
    ['a/b/c', 'group', 'default', undefined],
    ['', 'group', 'default', undefined],
  ])('%s as %s in %s → %s', (text, kind, namespace, expected) => {
    expect(normalizeEntityRef(text, kind, namespace)).toBe(expected);
  });
});

describe('readCatalogDescriptors on real catalog files', () => {
  it.each([
    ['snyk-cli', 'component:default/cli', 'group:default/cli'],
    [
      'backstage-catalog-community/grafana-k6',
      'component:default/k6',
      'group:default/k6-core',
    ],
    [
      'backstage-catalog-community/janus-idp-backstage-showcase',
      'component:default/backstage-showcase',
      'group:default/janus-authors',
    ],
    [
      'backstage-catalog-examples',
      'component:default/backstage-existing',
      'group:default/CNCF',
    ],
  ])('%s holds %s owned by %s', async (folder, ref, owner) => {
    const descriptors = await readCatalogDescriptors(
      repositoryAt(path.join(CORPUS_DIR, folder)),
    );

    expect(descriptors.entities).toEqual([
      expect.objectContaining({ kind: 'Component', ref, owner }),
    ]);
    expect(descriptors.warnings).toEqual([]);
  });

  it('warns about Location globs that match nothing (roadie)', async () => {
    const folder = 'backstage-catalog-community/roadie-backstage-plugins';

    const descriptors = await readCatalogDescriptors(
      repositoryAt(path.join(CORPUS_DIR, folder)),
    );

    expect(descriptors.entities.map((e) => e.ref)).toEqual([
      'component:default/roadie-backstage-plugins',
    ]);
    expect(descriptors.warnings.map((w) => w.code)).toEqual([
      'ERR_CATALOG_TARGET_MISSING',
      'ERR_CATALOG_TARGET_MISSING',
    ]);
  });

  it('follows Locations through the backstage examples', async () => {
    // A root Location pointing at the examples, over a copy of the corpus.
    const location = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata: { name: examples }',
      'spec:',
      '  targets:',
      '    - ./packages/catalog-model/examples/acme/org.yaml',
      '    - ./packages/catalog-model/examples/*/*-component.yaml',
      '    - ./packages/catalog-model/examples/systems/*.yaml',
    ].join('\n');
    const repository = temporaryRepository(
      { 'locations/catalog-info.yaml': location.replaceAll('./', '../') },
      path.join(CORPUS_DIR, 'backstage-catalog-examples'),
    );

    const descriptors = await readCatalogDescriptors(repository);

    // Hand count: 3 components, 1 system, 2 groups, 5 users in the files;
    // org.yaml's Location names 7 files of which only team-a's exists.
    const kinds = descriptors.entities.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'Component')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'System')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'Group')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'User')).toHaveLength(5);
    expect(descriptors.warnings).toHaveLength(6);
    const lookup = descriptors.entities.find((e) => e.name === 'artist-lookup');
    expect(lookup).toMatchObject({
      owner: 'group:default/team-a',
      system: 'system:default/artist-engagement-portal',
      dependsOn: ['resource:default/artists-db'],
    });
    const guests = descriptors.entities.filter((e) => e.name === 'guest');
    expect(guests.map((g) => g.ref)).toEqual([
      'user:default/guest',
      'user:development/guest',
    ]);
  });
});

describe('readCatalogDescriptors on bad input', () => {
  it.each([
    [
      'an invalid name',
      'kind: Component\nmetadata: { name: "not valid!" }\nspec: {}',
      'ERR_CATALOG_ENTITY_INVALID',
    ],
    [
      'a bad spec',
      'kind: Group\nmetadata: { name: g }\nspec: { children: 3 }',
      'ERR_CATALOG_ENTITY_INVALID',
    ],
    ['broken YAML', 'kind: [unclosed', 'ERR_CATALOG_UNREADABLE'],
    [
      'an alias bomb',
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' +
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      'ERR_CATALOG_UNREADABLE',
    ],
    [
      'a target outside the repository',
      'kind: Location\nmetadata: { name: l }\nspec: { targets: [../../etc/passwd] }',
      'ERR_CATALOG_TARGET_OUTSIDE',
    ],
    [
      'a URL target',
      'kind: Location\nmetadata: { name: l }\nspec: { type: url, target: "https://example.com/c.yaml" }',
      'ERR_CATALOG_TARGET_UNSUPPORTED',
    ],
  ])('turns %s into a warning naming the file', async (_case, text, code) => {
    const repository = temporaryRepository({
      'catalog-info.yaml': `${text}\n---\nkind: Component\nmetadata: { name: ok }\nspec: {}\n`,
    });

    const descriptors = await readCatalogDescriptors(repository);

    expect(descriptors.warnings).toEqual([
      expect.objectContaining({ file: 'catalog-info.yaml', code }),
    ]);
  });

  it('reads each file once when Locations point at each other', async () => {
    const location = (target: string) =>
      `kind: Location\nmetadata: { name: l }\nspec: { targets: [${target}] }\n---\n`;
    const repository = temporaryRepository({
      'catalog-info.yaml': location('./more/team.yaml'),
      'more/team.yaml':
        location('../catalog-info.yaml') +
        'kind: Group\nmetadata: { name: team }\nspec: { type: team }\n',
    });

    const descriptors = await readCatalogDescriptors(repository);

    expect(descriptors.files).toEqual(['catalog-info.yaml', 'more/team.yaml']);
    expect(descriptors.entities.map((e) => e.ref)).toEqual([
      'group:default/team',
    ]);
  });

  it('keeps the valid entities of a file with an invalid one', async () => {
    const repository = temporaryRepository({
      'catalog-info.yaml':
        'kind: Component\nmetadata: { name: "bad name" }\n---\n' +
        'kind: Component\nmetadata: { name: good }\nspec: { owner: team-a }\n',
    });

    const descriptors = await readCatalogDescriptors(repository);

    expect(descriptors.entities.map((e) => e.ref)).toEqual([
      'component:default/good',
    ]);
    expect(descriptors.warnings[0]?.message).toContain('document 1');
  });
});
