import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEnvironment, loadConfig, parseConfig } from './config.js';

describe('configuration', () => {
  it('fills defaults for an empty file', () => {
    const config = parseConfig(null, 'q.yaml');

    expect(config.sources).toEqual([]);
    expect(config.maven).toEqual({});
  });

  it('names the bad key and the file', () => {
    expect(() => parseConfig({ scan: { maxFileBytes: -1 } }, 'q.yaml')).toThrow(
      /scan\.maxFileBytes/,
    );
    expect(() => parseConfig({ nonsense: 1 }, 'q.yaml')).toThrow(
      /ERR_CONFIG_INVALID|Unrecognized|unrecognized/,
    );
  });

  it('lets QM_DB and QM_MAVEN_OFFLINE override the file', () => {
    const config = parseConfig({ database: 'a.db' }, 'q.yaml');

    const merged = applyEnvironment(config, {
      QM_DB: 'postgres://x/y',
      QM_MAVEN_OFFLINE: 'true',
    });

    expect(merged.database).toBe('postgres://x/y');
    expect(merged.maven.offline).toBe(true);
  });

  it('reads a real file given with --config', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qm-config-'));
    const file = path.join(dir, 'quartermaster.yaml');
    await writeFile(file, 'database: org.db\nsources: [/src]\n');

    const config = await loadConfig(file);

    expect(config.database).toBe(process.env.QM_DB || 'org.db');
    expect(config.sources).toEqual(['/src']);
  });

  it('fails clearly on a missing explicit file', async () => {
    await expect(loadConfig('/nonexistent/q.yaml')).rejects.toThrow(
      /cannot read the configuration/,
    );
  });
});
