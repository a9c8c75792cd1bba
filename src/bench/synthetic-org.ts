import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { seededRandom } from './measure.js';

const NPM_FAMILY = new Set([
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  '.yarnrc.yml',
]);
const LOCKFILES = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
];

/** A corpus project with an npm-family lockfile at its top, and its files. */
interface Template {
  name: string;
  files: string[];
}

function npmFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap(
    (entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory())
        return entry.name === 'node_modules' ? [] : npmFiles(dir, relative);
      return NPM_FAMILY.has(entry.name) ? [relative] : [];
    },
  );
}

/** Corpus projects whose top folder holds an npm, yarn or pnpm lockfile. */
export function npmTemplates(corpusDir: string): Template[] {
  return readdirSync(corpusDir)
    .filter((name) => statSync(path.join(corpusDir, name)).isDirectory())
    .filter((name) =>
      LOCKFILES.some((f) =>
        statSync(path.join(corpusDir, name, f), { throwIfNoEntry: false }),
      ),
    )
    .map((name) => ({ name, files: npmFiles(path.join(corpusDir, name)) }));
}

function place(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    linkSync(from, to); // same file system: no copy needed, the scan sees a plain file
  } catch {
    copyFileSync(from, to);
  }
}

function descriptor(name: string, owner: string, tags: string[]): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    `  tags: [${tags.join(', ')}]`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${owner}`,
    '',
  ].join('\n');
}

function groupsDescriptor(tribes: number, squadsPerTribe: number): string {
  const docs: string[] = [];
  for (let t = 0; t < tribes; t++) {
    const children = Array.from(
      { length: squadsPerTribe },
      (_, s) => `squad-${t}-${s}`,
    );
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: tribe-${t}\nspec:\n  type: tribe\n  children: [${children.join(', ')}]\n`,
    );
    for (const child of children) {
      docs.push(
        `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${child}\nspec:\n  type: squad\n  parent: tribe-${t}\n  children: []\n`,
      );
    }
  }
  return docs.join('---\n');
}

export interface SyntheticOrg {
  root: string;
  services: Array<{ name: string; dir: string; template: string }>;
}

/**
 * Lays out `count` services under `root`, each a copy (hard link where
 * possible) of the npm-family files of a corpus project drawn at random,
 * with a Backstage descriptor naming a squad of five tribes.
 */
export function buildSyntheticOrg(options: {
  corpusDir: string;
  root: string;
  count: number;
  seed?: number;
}): SyntheticOrg {
  const random = seededRandom(options.seed ?? 42);
  const templates = npmTemplates(options.corpusDir);
  const tribes = 5;
  const squads = 6;
  mkdirSync(path.join(options.root, 'org'), { recursive: true });
  writeFileSync(
    path.join(options.root, 'org', 'catalog-info.yaml'),
    groupsDescriptor(tribes, squads),
  );

  const services: SyntheticOrg['services'] = [];
  for (let i = 0; i < options.count; i++) {
    const template = templates[Math.floor(random() * templates.length)]!;
    const name = `svc-${String(i).padStart(5, '0')}`;
    const dir = path.join(options.root, name);
    for (const file of template.files) {
      place(
        path.join(options.corpusDir, template.name, file),
        path.join(dir, file),
      );
    }
    const owner = `squad-${Math.floor(random() * tribes)}-${Math.floor(random() * squads)}`;
    const tags = random() < 0.3 ? ['internet-facing'] : [];
    writeFileSync(
      path.join(dir, 'catalog-info.yaml'),
      descriptor(name, owner, tags),
    );
    services.push({ name, dir, template: template.name });
  }
  return { root: options.root, services };
}
