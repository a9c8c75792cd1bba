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

/**
 * Inheritance merge by management key: the child's entries first, then the
 * parent's that the child does not redeclare (Maven's order).
 */
function mergeInherited(
  child: PomDependency[],
  parent: PomDependency[],
): PomDependency[] {
  if (parent.length === 0) return child;
  if (child.length === 0) return parent;
  const keys = new Set(child.map(managementKey));
  return [...child, ...parent.filter((d) => !keys.has(managementKey(d)))];
}

/** Profile injection: the model's order, profile entries replacing or appended. */
function mergeProfile(
  base: PomDependency[],
  profile: PomDependency[],
): PomDependency[] {
  if (profile.length === 0) return base;
  const merged = new Map<string, PomDependency>();
  for (const d of base) merged.set(managementKey(d), d);
  for (const d of profile) merged.set(managementKey(d), d);
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
    dependencies = mergeProfile(dependencies, profile.dependencies);
    dependencyManagement = mergeProfile(
      dependencyManagement,
      profile.dependencyManagement,
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
    dependencies: mergeInherited(child.dependencies, parent.dependencies),
    dependencyManagement: mergeInherited(
      child.dependencyManagement,
      parent.dependencyManagement,
    ),
    modules: child.modules,
  };
}
