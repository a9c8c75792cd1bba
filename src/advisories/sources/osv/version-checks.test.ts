import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../../test-support/shared.js';
import type { AdvisoryWarning } from '../../model.js';
import { parseOsvText } from './parse-text.js';

// A real record: lodash's command injection, fixed in 4.17.21.
const LODASH = JSON.parse(
  readFileSync(
    path.join(
      SHARED_DIR,
      'advisories/github-advisory-database/npm/GHSA-35jh-r3h4-6jhm.json',
    ),
    'utf8',
  ),
) as { id: string; affected: Array<{ ranges: unknown[] }> };

function withEvents(events: object[], extra: object = {}) {
  const record = structuredClone(LODASH);
  record.affected[0]!.ranges = [{ type: 'ECOSYSTEM', events }];
  return JSON.stringify({ ...record, ...extra });
}

function read(text: string) {
  const warnings: AdvisoryWarning[] = [];
  const [record] = parseOsvText(text, 'test.json', warnings);
  return { record: record!, warnings };
}

describe('OSV range versions the ecosystem cannot read', () => {
  it('keeps valid ranges without a warning', () => {
    const { record, warnings } = read(
      withEvents([{ introduced: '0' }, { fixed: '4.17.21' }]),
    );

    expect(warnings).toEqual([]);
    expect(record.affected[0]!.ranges).toHaveLength(1);
  });

  it('skips a range whose version has no digit, and says which', () => {
    const { record, warnings } = read(
      withEvents([{ introduced: 'banana' }, { fixed: '4.17.21' }]),
    );

    expect(record.affected[0]!.ranges).toEqual([]);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'ERR_OSV_VERSION_INVALID',
        message: expect.stringContaining(
          `${LODASH.id}: ECOSYSTEM range of npm lodash has introduced "banana"`,
        ),
      }),
    ]);
  });

  it('keeps a range whose version has digits, compared leniently, with a warning', () => {
    const { record, warnings } = read(
      withEvents([{ introduced: '0' }, { fixed: '>=4.17.21' }]),
    );

    expect(record.affected[0]!.ranges).toHaveLength(1);
    expect(warnings[0]?.message).toContain('compared leniently');
  });

  it('says when a withdrawn time cannot be read, and keeps the withdrawal', () => {
    const { record, warnings } = read(
      withEvents([{ introduced: '0' }, { fixed: '4.17.21' }], {
        withdrawn: 'not-a-date',
      }),
    );

    expect(record.withdrawn).toBe('not-a-date');
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'ERR_OSV_DATE_INVALID' }),
    ]);
  });
});
