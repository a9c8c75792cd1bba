import { describe, expect, it } from 'vitest';
import { parseAlias, sourceOfResolved, sourceOfSpec } from './spec.js';

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
