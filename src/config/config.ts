import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { parseYaml } from '../core/yaml.js';

const MavenRepository = z.object({
  id: z.string(),
  url: z.string().url(),
  username: z.string().optional(),
  password: z.string().optional(),
});

/** quartermaster.yaml: every key optional, environment variables win. */
export const Config = z
  .object({
    /** SQLite file path or a postgres:// URL. */
    database: z.string().optional(),
    /** Folders scanned when `scan` is given none. */
    sources: z.array(z.string()).default([]),
    scan: z
      .object({
        maxFileBytes: z.number().int().positive().optional(),
      })
      .strict()
      .default({}),
    maven: z
      .object({
        repositories: z.array(MavenRepository).optional(),
        cacheDir: z.string().optional(),
        localRepository: z.string().optional(),
        offline: z.boolean().optional(),
      })
      .strict()
      .default({}),
    advisories: z
      .object({
        /** Where osv.dev's exports live: `<baseUrl>/<Ecosystem>/all.zip`. */
        baseUrl: z.string().url().optional(),
        /** Downloaded archives, KEV and EPSS (default .quartermaster/cache). */
        cacheDir: z.string().optional(),
      })
      .strict()
      .default({}),
    policies: z
      .object({
        /** Days allowed to fix a finding, by priority. */
        slaDays: z.record(z.string(), z.number().int().positive()).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type Config = z.infer<typeof Config>;

export const CONFIG_FILE_NAME = 'quartermaster.yaml';

/**
 * Reads the configuration: `--config FILE` if given, else quartermaster.yaml
 * in the working directory if present, else defaults; then QM_DB and
 * QM_MAVEN_OFFLINE override it.
 */
export async function loadConfig(explicitFile?: string): Promise<Config> {
  const file = explicitFile ?? path.resolve(CONFIG_FILE_NAME);
  const text = await readFile(file, 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && !explicitFile) return undefined;
      throw new InputError(
        'ERR_CONFIG_UNREADABLE',
        `cannot read the configuration (${error.code ?? error.message}); check the --config path`,
        { file, cause: error },
      );
    },
  );
  const config = parseConfig(
    text === undefined ? {} : parseYaml(text, file),
    file,
  );
  return applyEnvironment(config, process.env);
}

export function parseConfig(value: unknown, file: string): Config {
  const result = Config.safeParse(value ?? {});
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const where = issue?.path.join('.') || '(top level)';
  throw new InputError(
    'ERR_CONFIG_INVALID',
    `configuration key ${where}: ${issue?.message}; see docs/configuration.md`,
    { file },
  );
}

export function applyEnvironment(
  config: Config,
  env: NodeJS.ProcessEnv,
): Config {
  const offline = env.QM_MAVEN_OFFLINE;
  return {
    ...config,
    database: env.QM_DB || config.database,
    maven:
      offline === undefined
        ? config.maven
        : { ...config.maven, offline: offline === '1' || offline === 'true' },
  };
}
