import type { Pom, PomDependency, PomProfile } from './pom.js';

/**
 * A POM with its active-by-default profiles applied and everything its
 * parents pass down merged in, not yet interpolated.
 */
export interface InheritedPom {
  /** The POM itself (own coordinates, modules, parent reference). */
  pom: Pom;
  groupId?: string;
  version?: string;
  packaging?: string;
  properties: Map<string, string>;
  dependencies: PomDependency[];
  dependencyManagement: PomDependency[];
  modules: string[];
}

/** Maven's management key: groupId:artifactId:type:classifier. */
export function managementKey(d: {
  groupId: string;
  artifactId: string;
  type?: string;
  classifier?: string;
}): string {
  return `${d.groupId}:${d.artifactId}:${d.type ?? 'jar'}:${d.classifier ?? ''}`;
}

/** Merges two dependency lists by management key, `dominant` winning. */
function mergeDependencies(
  dominant: PomDependency[],
  recessive: PomDependency[],
): PomDependency[] {
  if (recessive.length === 0) return dominant;
  if (dominant.length === 0) return recessive;
  const merged = new Map<string, PomDependency>();
  for (const d of recessive) merged.set(managementKey(d), d);
  for (const d of dominant) merged.set(managementKey(d), d);
  return [...merged.values()];
}

function activeProfiles(pom: Pom): PomProfile[] {
  return pom.profiles.filter((p) => p.activeByDefault);
}

/** The POM with its `activeByDefault` profiles injected. */
export function withProfiles(pom: Pom): InheritedPom {
  const base: InheritedPom = {
    pom,
    groupId: pom.groupId,
    version: pom.version,
    packaging: pom.packaging,
    properties: pom.properties,
    dependencies: pom.dependencies,
    dependencyManagement: pom.dependencyManagement,
    modules: pom.modules,
  };
  const profiles = activeProfiles(pom);
  if (profiles.length === 0) return base;
  const properties = new Map(pom.properties);
  let { dependencies, dependencyManagement, modules } = base;
  for (const profile of profiles) {
    for (const [k, v] of profile.properties) properties.set(k, v);
    dependencies = mergeDependencies(profile.dependencies, dependencies);
    dependencyManagement = mergeDependencies(
      profile.dependencyManagement,
      dependencyManagement,
    );
    modules = [
      ...modules,
      ...profile.modules.filter((m) => !modules.includes(m)),
    ];
  }
  return { ...base, properties, dependencies, dependencyManagement, modules };
}

/**
 * The child inheriting from its (already inherited) parent: coordinates,
 * properties, dependencies and dependency management. Modules are not
 * inherited.
 */
export function inherit(
  child: InheritedPom,
  parent: InheritedPom,
): InheritedPom {
  const properties = new Map(parent.properties);
  for (const [k, v] of child.properties) properties.set(k, v);
  return {
    pom: child.pom,
    groupId: child.groupId ?? parent.groupId,
    version: child.version ?? parent.version,
    packaging: child.packaging,
    properties,
    dependencies: mergeDependencies(child.dependencies, parent.dependencies),
    dependencyManagement: mergeDependencies(
      child.dependencyManagement,
      parent.dependencyManagement,
    ),
    modules: child.modules,
  };
}
