import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compareMavenVersions,
  highestInRange,
  parseMavenRange,
  satisfiesMavenRange,
} from './versioning.js';
import { listFiles, SHARED_DIR } from '../../test-support/shared.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function readComparisons(): [string, string, string][] {
  const text = readFileSync(
    path.join(here, '__fixtures__/maven-versions.txt'),
    'utf8',
  );
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(' ') as [string, string, string]);
}

describe('compareMavenVersions', () => {
  it.each(readComparisons())('%s %s %s', (a, op, b) => {
    const forward = compareMavenVersions(a, b);
    const backward = compareMavenVersions(b, a);

    if (op === '==') {
      expect(forward).toBe(0);
      expect(backward).toBe(0);
    } else {
      expect(forward).toBeLessThan(0);
      expect(backward).toBeGreaterThan(0);
    }
  });
});

describe('parseMavenRange and satisfiesMavenRange', () => {
  it.each([
    ['[1.0,2.0)', '1.0', true],
    ['[1.0,2.0)', '1.5', true],
    ['[1.0,2.0)', '2.0', false],
    ['[1.0,2.0)', '2.0-SNAPSHOT', true],
    ['(,1.0]', '0.9', true],
    ['(,1.0]', '1.0', true],
    ['(,1.0]', '1.0.1', false],
    ['[1.5]', '1.5', true],
    ['[1.5]', '1.5.0', true],
    ['[1.5]', '1.6', false],
    ['[1.5,)', '99', true],
    ['(1.0,2.0]', '1.0', false],
    ['[1,2),[3,4)', '2.5', false],
    ['[1,2),[3,4)', '3.2', true],
    ['[1,2),[3,4)', '1.9', true],
    ['1.2', '1.2', true],
    ['1.2', '1.3', false],
  ])('%s contains %s: %s', (spec, version, expected) => {
    const range = parseMavenRange(spec);

    const result = range ? satisfiesMavenRange(version, range) : undefined;

    expect(result).toBe(expected);
  });

  it.each(['[1.0', '[2.0,1.0]', '(1.0)', '[1,2,3]', '', '[1,2)x'])(
    'rejects %s',
    (spec) => {
      const range = parseMavenRange(spec);

      expect(range).toBeUndefined();
    },
  );

  it('picks the highest listed version inside the range', () => {
    const range = parseMavenRange('[1.7,2.0)');

    const chosen =
      range && highestInRange(range, ['1.7.5', '1.7.36', '2.0.0', '1.6']);

    expect(chosen).toBe('1.7.36');
  });
});

describe('order of the shared Maven repository metadata', () => {
  // Each maven-metadata.xml there lists its versions in Maven 3.8.7's order.
  const root = path.join(SHARED_DIR, 'maven-repo');
  const files = listFiles(root).filter((f) => f.endsWith('maven-metadata.xml'));

  it('lists every artifact in ascending order', () => {
    const unordered: string[] = [];

    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      const listed = [...text.matchAll(/<version>([^<]+)<\/version>/g)].map(
        (m) => m[1] as string,
      );
      for (let i = 1; i < listed.length; i++) {
        const before = listed[i - 1] as string;
        const after = listed[i] as string;
        if (compareMavenVersions(before, after) >= 0) {
          unordered.push(`${file}: ${before} !< ${after}`);
        }
      }
    }

    expect(files.length).toBeGreaterThan(200);
    // The one exception: Maven 3.8.7's own ComparableVersion (run by hand)
    // sorts 5.11.0-M1 before 5.11.0, so this metadata file is out of order.
    expect(unordered).toEqual([
      'org/junit/junit-bom/maven-metadata.xml: 5.11.0 !< 5.11.0-M1',
    ]);
  });
});
