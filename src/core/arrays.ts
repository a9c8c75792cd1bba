/**
 * Appends `items` to `target` without spreading them into call arguments:
 * `push(...items)` overflows the call stack past about 100,000 items, and
 * a large lockfile easily has that many entries or edges.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
