import { describe, expect, it } from 'vitest';
import { factsHash } from './facts-hash.js';

describe('factsHash', () => {
  it('is 16 hex digits and the same for the same facts', () => {
    const facts = '1|2|3|prod|high|P2|55|["4.17.21"]|12';

    expect(factsHash(facts)).toMatch(/^[0-9a-f]{16}$/);
    expect(factsHash(facts)).toBe(factsHash(`${facts}`));
  });

  it('differs for facts that differ in one character, over many', () => {
    // Every one-field change a match can make, on 20,000 findings.
    const seen = new Set<string>();
    for (let paths = 0; paths < 5000; paths += 1)
      for (const priority of ['P1', 'P2', 'P3', 'P4'])
        seen.add(factsHash(`0|3|${paths}|prod|high|${priority}|40|[]|7`));

    expect(seen.size).toBe(20_000);
  });
});
