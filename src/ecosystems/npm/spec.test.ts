import { describe, expect, it } from 'vitest';
import { buildPurl } from '../../core/purl.js';
import { npmPurl, parseAlias, sourceOfResolved, sourceOfSpec } from './spec.js';

describe('sourceOfResolved', () => {
  it.each([
    [undefined, 'registry'],
    ['https://npm.example.test/a/-/a-1.0.0.tgz', 'registry'],
    ['https://npm.example.test/@s/a/-/a-1.0.0.tgz', 'registry'],
    ['https://downloads.example.test/a.tgz', 'tarball'],
    ['git+ssh://git@git.example.test/a.git#abc', 'git'],
    ['github:someone/a#abc', 'git'],
    ['file:vendor/a-1.0.0.tgz', 'file'],
    ['file:../a', 'link'],
  ])('%s is %s', (resolved, expected) => {
    expect(sourceOfResolved(resolved)).toBe(expected);
  });
});

describe('sourceOfSpec', () => {
  it.each([
    ['^1.2.3', 'registry'],
    ['latest', 'registry'],
    ['npm:b@^1', 'alias'],
    ['workspace:*', 'workspace'],
    ['file:../x', 'link'],
    ['link:../x', 'link'],
    ['someone/repo#v1', 'git'],
    ['git+https://git.example.test/x.git', 'git'],
    ['https://downloads.example.test/x.tgz', 'tarball'],
  ])('%s is %s', (spec, expected) => {
    expect(sourceOfSpec(spec)).toBe(expected);
  });
});

describe('parseAlias', () => {
  it.each([
    ['npm:bar@^1.2.3', { name: 'bar', range: '^1.2.3' }],
    ['npm:@s/bar@1.0.0', { name: '@s/bar', range: '1.0.0' }],
    ['npm:bar', { name: 'bar', range: '' }],
    ['^1.0.0', undefined],
  ])('%s', (spec, expected) => {
    expect(parseAlias(spec)).toEqual(expected);
  });
});

describe('npmPurl', () => {
  it.each([
    ['lodash', '4.17.21'],
    ['@babel/core', '7.0.0-beta.1'],
    ['JSONStream', '1.3.5'],
    ['a_b.c~d', '1.0.0+build.5'],
    ['@Scope/Name', '1.0.0'],
    ['x', '1.0.0 || 2'],
    ['x', null],
    ['@s/x', null],
    ['x', ''],
  ])('%s@%s is what buildPurl writes', (name, version) => {
    expect(npmPurl(name, version)).toBe(buildPurl('npm', name, version));
  });
});
