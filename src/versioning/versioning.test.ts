import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EcosystemName } from '../core/model.js';
import { normalizeComposerVersion } from './composer-normalize.js';
import { compareVersions, isValidVersion } from './index.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);

interface Line {
  kind: '<' | '==' | '->' | 'valid' | 'invalid';
  a: string;
  b: string;
}

/** Reads `a < b`, `a == b`, `a -> normalised`, `valid a`, `invalid a`. */
function readLines(file: string): Line[] {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8');
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const word = /^(valid|invalid) (.*)$/.exec(raw);
    if (word) {
      lines.push({ kind: word[1] as Line['kind'], a: word[2] ?? '', b: '' });
      continue;
    }
    const op = [' == ', ' < ', ' -> '].find((o) => raw.includes(o));
    if (!op) throw new Error(`unreadable fixture line: ${raw}`);
    const [a, b] = raw.split(op) as [string, string];
    lines.push({ kind: op.trim() as Line['kind'], a, b });
  }
  return lines;
}

const FILES: Array<[EcosystemName, string]> = [
  ['Go', 'go-versions.txt'],
  ['NuGet', 'nuget-versions.txt'],
  ['Packagist', 'packagist-versions.txt'],
];

describe.each(FILES)('%s upstream vectors', (ecosystem, file) => {
  const lines = readLines(file);
  const ordered = lines.filter((l) => l.kind === '<' || l.kind === '==');

  it.each(ordered)('$a $kind $b', ({ kind, a, b }) => {
    const forward = Math.sign(compareVersions(ecosystem, a, b)) || 0;
    const backward = Math.sign(compareVersions(ecosystem, b, a)) || 0;

    expect(forward).toBe(kind === '<' ? -1 : 0);
    expect(backward).toBe(-forward || 0);
  });

  const validity = lines.filter(
    (l) => l.kind === 'valid' || l.kind === 'invalid',
  );
  it.skipIf(validity.length === 0).each(validity)('$kind $a', ({ kind, a }) => {
    const valid = isValidVersion(ecosystem, a);

    expect(valid).toBe(kind === 'valid');
  });
});

describe('Composer normalisation', () => {
  const lines = readLines('packagist-versions.txt').filter(
    (l) => l.kind === '->',
  );

  it.each(lines)('$a -> $b', ({ a, b }) => {
    const normalised = normalizeComposerVersion(a);

    expect(normalised).toBe(b);
  });
});

describe('Composer stability words in upper case', () => {
  // VersionParser::expandStability lower-cases what it does not expand.
  it('normalises BETA1 as beta1 and orders it above -dev', () => {
    expect(normalizeComposerVersion('v6.0.0-BETA1')).toBe('6.0.0.0-beta1');
    expect(compareVersions('Packagist', '6.0.0-BETA1', '6.0.0-dev')).toBe(1);
    expect(compareVersions('Packagist', '6.0.0-BETA1', '6.0.0-beta1')).toBe(0);
  });
});

describe('orderings backed by libraries', () => {
  it.each([
    // npm: node-semver, pre-releases among releases.
    ['npm', '1.0.0-alpha', '<', '1.0.0'],
    ['npm', '1.0', '==', '1.0.0'],
    ['npm', '2.0.0-rc.1', '<', '2.0.0-rc.2'],
    ['npm', '1.2.3+build', '==', '1.2.3'],
    ['npm', '4.17.20', '<', '4.17.21'],
    // crates.io
    ['crates.io', '1.18.4', '<', '1.18.5'],
    ['crates.io', '0.1.0-alpha.1', '<', '0.1.0'],
    // PyPI: PEP 440
    ['PyPI', '1.0.dev0', '<', '1.0a1'],
    ['PyPI', '1.0a1', '<', '1.0rc1'],
    ['PyPI', '1.0rc1', '<', '1.0'],
    ['PyPI', '1.0', '<', '1.0.post1'],
    ['PyPI', '1!0.1', '>', '2.0'],
    ['PyPI', '1.0+local.1', '>', '1.0'],
    ['PyPI', '1.0', '==', '1.0.0'],
    ['PyPI', '2.31.0', '<', '2.32.0'],
    // RubyGems: Gem::Version
    ['RubyGems', '1.0.a', '<', '1.0'],
    ['RubyGems', '1.0', '==', '1'],
    ['RubyGems', '7.0.3', '<', '7.0.3.1'],
    ['RubyGems', '1.13.6', '<', '1.13.10'],
  ] as const)('%s: %s %s %s', (ecosystem, a, op, b) => {
    const order = Math.sign(compareVersions(ecosystem, a, b)) || 0;

    expect(order).toBe(op === '<' ? -1 : op === '>' ? 1 : 0);
  });

  it('orders a version the ecosystem refuses leniently', () => {
    // node-fetch's advisory says `introduced: "1.0"`; Go's docker advisory `19.03.0`.
    const npm = compareVersions('npm', '1.0', '1.5.0');
    const go = compareVersions('Go', '19.03.0', 'v20.10.24+incompatible');

    expect(npm).toBeLessThan(0);
    expect(go).toBeLessThan(0);
  });

  it.each([
    ['2.14.1', '<', '2.15.0'],
    ['5.2.19.RELEASE', '<', '5.2.20.RELEASE'],
    ['2.12.6', '<', '2.12.6.1'],
    ['2.4.0-rc1', '<', '2.4.0'],
  ] as const)('Maven (delegated): %s %s %s', (a, _op, b) => {
    const order = compareVersions('Maven', a, b);

    expect(order).toBeLessThan(0);
  });
});
