import { describe, expect, it } from 'vitest';
import { resolvePackageQuery } from './match-packages.js';

describe('a who-uses range is read before any package is', () => {
  it('refuses a range the named ecosystem cannot read, whatever is stored', () => {
    const resolve = () =>
      resolvePackageQuery({
        name: 'requests',
        version: '^2',
        ecosystem: 'PyPI',
      });

    expect(resolve).toThrow(
      expect.objectContaining({ code: 'ERR_VERSION_RANGE' }),
    );
  });

  it('without an ecosystem, leaves out those that cannot read the range', () => {
    const query = resolvePackageQuery({ name: 'foo', version: '^1.2' });

    expect(
      query.accepts({ ecosystem: 'npm', name: 'foo', version: '1.3.0' }),
    ).toBe(true);
    expect(
      query.accepts({ ecosystem: 'npm', name: 'foo', version: '2.0.0' }),
    ).toBe(false);
    expect(
      query.accepts({ ecosystem: 'PyPI', name: 'foo', version: '1.3.0' }),
    ).toBe(false);
  });

  it('refuses a range that no ecosystem can read', () => {
    const resolve = () => resolvePackageQuery({ name: 'foo', version: '>>1' });

    expect(resolve).toThrow(
      expect.objectContaining({ code: 'ERR_VERSION_RANGE' }),
    );
  });
});
