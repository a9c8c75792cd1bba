import type { Scope } from '../../core/model.js';
import { widerScope } from '../graph-builder.js';

/**
 * Scope of a Gradle configuration by its name: anything with `test`
 * (testRuntimeClasspath, androidTestImplementation) is test; compile and
 * runtime classpaths of any variant (releaseRuntimeClasspath) and the
 * declaring configurations (implementation, api) are prod; compileOnly is
 * provided, runtimeOnly runtime; build tooling (annotation processors,
 * spotbugs, jacoco, buildscript classpath) is dev.
 */
export function scopeOfConfiguration(name: string): Scope {
  const lower = name.toLowerCase();
  if (lower.includes('test')) return 'test';
  if (lower.endsWith('compileclasspath') || lower.endsWith('runtimeclasspath'))
    return 'prod';
  if (/^(implementation|api|compile|runtime|embed)$/.test(lower)) return 'prod';
  if (lower.endsWith('implementation') || lower.endsWith('api')) return 'prod';
  if (lower.endsWith('compileonly') || lower.endsWith('compileonlyapi'))
    return 'provided';
  if (lower.endsWith('runtimeonly')) return 'runtime';
  return 'dev';
}

/** The widest scope of several configurations (prod wins over test). */
export function scopeOfConfigurations(names: readonly string[]): Scope {
  let scope: Scope | undefined;
  for (const name of names) {
    const next = scopeOfConfiguration(name);
    scope = scope ? widerScope(scope, next) : next;
  }
  return scope ?? 'prod';
}
