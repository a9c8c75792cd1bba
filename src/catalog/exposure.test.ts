import { describe, expect, it } from 'vitest';
import { readExposure } from './exposure.js';

const IF = 'quartermaster.dev/internet-facing';
const UD = 'quartermaster.dev/user-data';
const PP = 'quartermaster.dev/payment-path';

describe('readExposure', () => {
  it.each<{
    annotations: Record<string, string>;
    tags: string[];
    expected: boolean[];
  }>([
    { annotations: {}, tags: [], expected: [false, false, false] },
    {
      annotations: {},
      tags: ['internet-facing', 'pii', 'payments'],
      expected: [true, true, true],
    },
    { annotations: { [IF]: 'true' }, tags: [], expected: [true, false, false] },
    {
      annotations: { [UD]: 'TRUE', [PP]: ' true ' },
      tags: [],
      expected: [false, true, true],
    },
    {
      annotations: { [IF]: 'false' },
      tags: ['internet-facing'],
      expected: [false, false, false],
    },
    {
      annotations: { [PP]: 'maybe' },
      tags: ['payments'],
      expected: [false, false, true],
    },
    { annotations: { [UD]: 'yes' }, tags: [], expected: [false, false, false] },
    { annotations: {}, tags: ['PII', 'java'], expected: [false, true, false] },
  ])('$annotations with tags $tags', ({ annotations, tags, expected }) => {
    const exposure = readExposure(annotations, tags);

    expect([
      exposure.internetFacing,
      exposure.userData,
      exposure.paymentPath,
    ]).toEqual(expected);
  });
});
