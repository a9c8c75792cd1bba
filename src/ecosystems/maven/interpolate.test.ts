import { describe, expect, it } from 'vitest';
import {
  interpolate,
  parseMavenConfig,
  type PropertySources,
  type UnresolvedReason,
} from './interpolate.js';

const sources: PropertySources = {
  project: {
    artifactId: 'app',
    parent: { groupId: 'org.example', artifactId: 'parent', version: '7' },
  },
  properties: new Map([
    ['a', '${b}.1'],
    ['b', '${project.version}'],
    ['loop1', '${loop2}'],
    ['loop2', '${loop1}'],
    ['revision', '1.0'],
    ['sha1', ''],
    ['changelist', '-SNAPSHOT'],
  ]),
  userProperties: new Map([['revision', '2.0']]),
};

describe('interpolate', () => {
  it.each([
    ['${project.version}', '7', []],
    ['${pom.groupId}', 'org.example', []],
    ['${project.parent.artifactId}', 'parent', []],
    ['${parent.version}', '7', []],
    ['${project.artifactId}-${version}', 'app-7', []],
    ['${a}', '7.1', []],
    ['${revision}${sha1}${changelist}', '2.0-SNAPSHOT', []],
    ['${loop1}', '${loop1}', [['loop1', 'cycle']]],
    ['${env.HOME}', '${env.HOME}', [['env.HOME', 'environment']]],
    ['${java.version}', '${java.version}', [['java.version', 'environment']]],
    ['${nope}', '${nope}', [['nope', 'unknown']]],
    ['plain', 'plain', []],
  ])('%s becomes %s', (input, expected, problems) => {
    const seen: [string, UnresolvedReason][] = [];

    const result = interpolate(input, sources, (k, r) => seen.push([k, r]));

    expect(result).toBe(expected);
    expect(seen).toEqual(problems);
  });
});

describe('parseMavenConfig', () => {
  it('reads -D definitions and ignores other options', () => {
    const text = '-Drevision=1.2.3 -B --define sha1=abc -D changelist= -T 4\n';

    const properties = parseMavenConfig(text);

    expect([...properties]).toEqual([
      ['revision', '1.2.3'],
      ['sha1', 'abc'],
      ['changelist', ''],
    ]);
  });
});
