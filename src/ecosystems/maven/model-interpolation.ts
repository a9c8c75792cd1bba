import type { InheritedPom } from './inheritance.js';
import { managementKey } from './inheritance.js';
import {
  interpolate,
  type PropertySources,
  type UnresolvedReason,
} from './interpolate.js';
import type { PomDependency, PomExclusion } from './pom.js';

/** A dependency after interpolation (and, in `dependencies`, management). */
export interface EffectiveDependency {
  groupId: string;
  artifactId: string;
  /** Undefined when neither the POM nor its management gives one. */
  version?: string;
  type: string;
  classifier?: string;
  /** As written or managed; undefined means compile. */
  scope?: string;
  optional: boolean;
  exclusions: PomExclusion[];
  /** Where it is declared, for the project's own dependencies. */
  file?: string;
  line?: number;
}

/** A non-fatal problem met while building a model. */
export interface ModelProblem {
  code: string;
  message: string;
}

/** A POM after profiles, inheritance, interpolation, imports and management. */
export interface EffectiveModel {
  groupId: string;
  artifactId: string;
  version: string;
  packaging: string;
  /** Repository-relative path for reactor POMs. */
  file?: string;
  properties: Map<string, string>;
  dependencies: EffectiveDependency[];
  /** By management key (groupId:artifactId:type:classifier), in declaration order. */
  dependencyManagement: Map<string, EffectiveDependency>;
  modules: string[];
  problems: ModelProblem[];
}

export interface InterpolationOptions {
  userProperties?: ReadonlyMap<string, string>;
  basedir?: string;
  problems: ModelProblem[];
}

function problemFor(key: string, reason: UnresolvedReason): ModelProblem {
  if (reason === 'cycle') {
    return {
      code: 'MAVEN_PROPERTY_CYCLE',
      message: `property \${${key}} refers to itself; left as written`,
    };
  }
  if (reason === 'environment') {
    return {
      code: 'MAVEN_PROPERTY_ENVIRONMENT',
      message: `\${${key}} comes from the build environment, which a scan does not have; left as written`,
    };
  }
  return {
    code: 'MAVEN_PROPERTY_UNKNOWN',
    message: `property \${${key}} is not defined; left as written`,
  };
}

/** Interpolates an inherited model with the child's own project fields. */
export function interpolateModel(
  raw: InheritedPom,
  options: InterpolationOptions,
): EffectiveModel {
  const parent = raw.pom.parent;
  const sources: PropertySources = {
    project: {
      groupId: raw.groupId,
      artifactId: raw.pom.artifactId,
      version: raw.version,
      packaging: raw.packaging,
      parent,
      basedir: options.basedir,
    },
    properties: raw.properties,
    userProperties: options.userProperties,
  };
  const reported = new Set<string>();
  const onUnresolved = (key: string, reason: UnresolvedReason): void => {
    if (reported.has(key)) return;
    reported.add(key);
    options.problems.push(problemFor(key, reason));
  };
  const value = (v: string | undefined): string | undefined =>
    v === undefined ? undefined : interpolate(v, sources, onUnresolved);
  const dependency = (d: PomDependency): EffectiveDependency => ({
    groupId: value(d.groupId) as string,
    artifactId: value(d.artifactId) as string,
    version: value(d.version),
    type: value(d.type) ?? 'jar',
    classifier: value(d.classifier),
    scope: value(d.scope),
    optional: value(d.optional) === 'true',
    exclusions: d.exclusions.map((e) => ({
      groupId: value(e.groupId) as string,
      artifactId: value(e.artifactId) as string,
    })),
    file: d.file,
    line: d.line,
  });
  const managed = new Map<string, EffectiveDependency>();
  for (const d of raw.dependencyManagement) {
    const effective = dependency(d);
    const key = managementKey(effective);
    if (!managed.has(key)) managed.set(key, effective);
  }
  return {
    groupId: value(raw.groupId) ?? '',
    artifactId: value(raw.pom.artifactId) ?? '',
    version: value(raw.version) ?? '',
    packaging: value(raw.packaging) ?? 'jar',
    properties: raw.properties,
    dependencies: raw.dependencies.map(dependency),
    dependencyManagement: managed,
    modules: raw.modules,
    problems: options.problems,
  };
}

function mergeExclusions(
  own: PomExclusion[],
  managed: PomExclusion[],
): PomExclusion[] {
  if (managed.length === 0) return own;
  const out = [...own];
  for (const e of managed) {
    if (
      !out.some((o) => o.groupId === e.groupId && o.artifactId === e.artifactId)
    ) {
      out.push(e);
    }
  }
  return out;
}

/** Fills versions, scopes, optional flags and exclusions from dependencyManagement. */
export function applyManagement(
  model: EffectiveModel,
  problems: ModelProblem[],
): void {
  model.dependencies = model.dependencies.map((d) => {
    const managed = model.dependencyManagement.get(managementKey(d));
    const version = d.version ?? managed?.version;
    if (version === undefined) {
      problems.push({
        code: 'MAVEN_VERSION_MISSING',
        message: `${d.groupId}:${d.artifactId} has no version and none is managed; it is skipped`,
      });
    }
    if (!managed) return d;
    return {
      ...d,
      version,
      scope: d.scope ?? managed.scope,
      optional: d.optional || managed.optional,
      exclusions: mergeExclusions(d.exclusions, managed.exclusions),
    };
  });
}
