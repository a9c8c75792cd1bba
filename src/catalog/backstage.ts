import path from 'node:path';
import picomatch from 'picomatch';
import { describeError, QuartermasterError } from '../core/errors.js';
import { moduleLogger } from '../core/log.js';
import type { ExtractionWarning } from '../core/model.js';
import { parseYamlDocuments } from '../core/yaml.js';
import type { RepositoryFiles } from '../ecosystems/types.js';
import {
  toComponent,
  toGroup,
  toSystem,
  toUser,
  type CatalogEntity,
} from './backstage-entities.js';
import {
  describeIssues,
  RawEntity,
  SPEC_BY_KIND,
  type KnownKind,
  type LocationSpec,
} from './backstage-schema.js';

export type * from './backstage-entities.js';

const log = moduleLogger('catalog.backstage');

/** Location files followed from one another, at most (a loop guard). */
const MAX_DESCRIPTOR_FILES = 1000;

/** Everything the Backstage descriptors of one repository say. */
export interface CatalogDescriptors {
  /** Components, systems, groups and users, in file then document order. */
  entities: CatalogEntity[];
  /** Repository-relative descriptor files read, in reading order. */
  files: string[];
  warnings: ExtractionWarning[];
}

const DESCRIPTOR_NAMES = new Set(['catalog-info.yaml', 'catalog-info.yml']);

/** True for `catalog-info.yaml` / `catalog-info.yml` at any depth. */
export function isDescriptorFile(relativePath: string): boolean {
  return DESCRIPTOR_NAMES.has(path.posix.basename(relativePath));
}

interface ReadState {
  repository: RepositoryFiles;
  queue: string[];
  seen: Set<string>;
  result: CatalogDescriptors;
}

/**
 * Reads every catalog-info.yaml of a repository, and the files its
 * `kind: Location` entities point at inside the same repository (globs
 * allowed). A broken file or invalid entity becomes a warning naming the
 * file and entity; nothing here throws for bad input.
 */
export async function readCatalogDescriptors(
  repository: RepositoryFiles,
): Promise<CatalogDescriptors> {
  const queue = repository.paths.filter(isDescriptorFile);
  const state: ReadState = {
    repository,
    queue,
    seen: new Set(queue),
    result: { entities: [], files: [], warnings: [] },
  };
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    await readDescriptorFile(state, file);
  }
  return state.result;
}

async function readDescriptorFile(state: ReadState, file: string) {
  const { result } = state;
  let documents: unknown[];
  try {
    const text = await state.repository.readText(file);
    if (text === undefined) {
      return warn(result, file, 'ERR_CATALOG_TARGET_MISSING', 'file not found');
    }
    documents = parseYamlDocuments(text, file);
  } catch (error) {
    // The warning names the file already: keep the reader's line and code.
    const message =
      error instanceof QuartermasterError
        ? `${error.line ? `line ${error.line}: ` : ''}${error.message} (${error.code})`
        : describeError(error);
    return warn(result, file, 'ERR_CATALOG_UNREADABLE', message);
  }

  result.files.push(file);
  documents.forEach((document, index) =>
    readDocument(state, file, document, index),
  );
}

function readDocument(
  state: ReadState,
  file: string,
  document: unknown,
  index: number,
): void {
  if (document === null || document === undefined) return;
  const raw = RawEntity.safeParse(document);
  if (!raw.success) {
    const message = `document ${index + 1}: ${describeIssues(raw.error)}`;
    return warn(state.result, file, 'ERR_CATALOG_ENTITY_INVALID', message);
  }

  const kind = raw.data.kind as KnownKind;
  const schema = SPEC_BY_KIND[kind];
  if (!schema) {
    log.debug({ file, kind }, 'entity kind not read');
    return;
  }
  const spec = schema.safeParse(raw.data.spec);
  if (!spec.success) {
    const name = `${kind} ${raw.data.metadata.name}`;
    const message = `${name}: ${describeIssues(spec.error)}; entity skipped`;
    return warn(state.result, file, 'ERR_CATALOG_ENTITY_INVALID', message);
  }
  addEntity(state, { raw: raw.data, kind, spec: spec.data, file });
}

interface TypedEntity {
  raw: RawEntity;
  kind: KnownKind;
  spec: unknown;
  file: string;
}

function addEntity(state: ReadState, entity: TypedEntity): void {
  const { raw, spec, file } = entity;
  const entities = state.result.entities;
  switch (entity.kind) {
    case 'Component':
      return void entities.push(toComponent(raw, spec as never, file));
    case 'System':
      return void entities.push(toSystem(raw, spec as never, file));
    case 'Group':
      return void entities.push(toGroup(raw, spec as never, file));
    case 'User':
      return void entities.push(toUser(raw, spec as never, file));
    case 'Location':
      return followLocation(state, file, spec as LocationSpec);
  }
}

function followLocation(state: ReadState, file: string, spec: LocationSpec) {
  const targets = [...(spec.target ? [spec.target] : []), ...spec.targets];
  for (const target of targets) {
    for (const found of resolveTarget(state, file, target, spec.type)) {
      if (state.seen.has(found)) continue;
      if (state.seen.size >= MAX_DESCRIPTOR_FILES) {
        const message = `more than ${MAX_DESCRIPTOR_FILES} descriptor files`;
        return warn(state.result, file, 'ERR_CATALOG_TOO_MANY_FILES', message);
      }
      state.seen.add(found);
      state.queue.push(found);
    }
  }
}

/** Repository-relative files a Location target names; warns when none. */
function resolveTarget(
  state: ReadState,
  file: string,
  target: string,
  type: string | undefined,
): string[] {
  const { result } = state;
  if ((type && type !== 'file') || /^[a-z][a-z0-9+.-]*:/i.test(target)) {
    const message = `target '${target}' is a URL; only files inside the repository are followed`;
    warn(result, file, 'ERR_CATALOG_TARGET_UNSUPPORTED', message);
    return [];
  }
  const joined = path.posix.normalize(
    path.posix.join(path.posix.dirname(file), target),
  );
  if (
    joined.startsWith('../') ||
    joined === '..' ||
    path.posix.isAbsolute(target)
  ) {
    const message = `target '${target}' leaves the repository; refused`;
    warn(result, file, 'ERR_CATALOG_TARGET_OUTSIDE', message);
    return [];
  }

  const isMatch = picomatch(joined);
  const matched = picomatch.scan(joined).isGlob
    ? state.repository.paths.filter((p) => isMatch(p))
    : state.repository.paths.filter((p) => p === joined);
  if (matched.length === 0) {
    const message = `target '${target}' matches no file in the repository`;
    warn(result, file, 'ERR_CATALOG_TARGET_MISSING', message);
  }
  return matched;
}

function warn(
  result: CatalogDescriptors,
  file: string,
  code: string,
  message: string,
): void {
  log.warn({ file, code }, 'catalog descriptor problem; entity skipped');
  result.warnings.push({ file, code, message });
}
