import { describe, expect, it } from 'vitest';
import type { CatalogEntity } from './backstage-entities.js';
import { buildGroups } from './groups.js';

function group(
  name: string,
  spec: {
    parent?: string;
    children?: string[];
    members?: string[];
    type?: string;
  },
): CatalogEntity {
  return {
    kind: 'Group',
    ref: `group:default/${name}`,
    namespace: 'default',
    name,
    tags: [],
    annotations: {},
    file: 'org.yaml',
    type: spec.type,
    parent: spec.parent,
    children: spec.children ?? [],
    members: spec.members ?? [],
  };
}

function user(name: string, memberOf: string[]): CatalogEntity {
  return {
    kind: 'User',
    ref: `user:default/${name}`,
    namespace: 'default',
    name,
    tags: [],
    annotations: {},
    file: 'org.yaml',
    memberOf,
  };
}

describe('buildGroups', () => {
  it('fills the hierarchy both ways and joins memberships', () => {
    const entities = [
      group('tribe-shop', {
        type: 'tribe',
        children: ['group:default/squad-cart'],
      }),
      group('squad-cart', { type: 'squad' }),
      group('squad-pay', {
        type: 'squad',
        parent: 'group:default/tribe-shop',
        members: ['user:default/ana'],
      }),
      user('bo', ['group:default/squad-cart']),
      user('ana', []),
    ];

    const groups = buildGroups(entities);

    const byName = Object.fromEntries(groups.map((g) => [g.name, g]));
    expect(byName['tribe-shop']?.children).toEqual([
      'group:default/squad-cart',
      'group:default/squad-pay',
    ]);
    expect(byName['squad-cart']?.parent).toBe('group:default/tribe-shop');
    expect(byName['squad-pay']?.parent).toBe('group:default/tribe-shop');
    expect(byName['squad-cart']?.members).toEqual(['user:default/bo']);
    expect(byName['squad-pay']?.members).toEqual(['user:default/ana']);
    expect(byName['ana']).toMatchObject({
      kind: 'User',
      members: ['group:default/squad-pay'],
    });
    expect(byName['bo']).toMatchObject({
      kind: 'User',
      members: ['group:default/squad-cart'],
    });
  });

  it('keeps the first of two entities with one ref', () => {
    const entities = [
      group('a', { type: 'team' }),
      group('a', { type: 'squad' }),
    ];

    const groups = buildGroups(entities);

    expect(groups).toEqual([
      expect.objectContaining({ name: 'a', type: 'team' }),
    ]);
  });
});
