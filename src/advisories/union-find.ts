/** Disjoint sets over strings, with path halving; used to group alias ids. */
export class UnionFind {
  private readonly parent = new Map<string, string>();

  find(item: string): string {
    let current = item;
    let parent = this.parent.get(current);
    if (parent === undefined) {
      this.parent.set(current, current);
      return current;
    }
    while (parent !== current) {
      const grand = this.parent.get(parent) as string;
      this.parent.set(current, grand);
      current = parent;
      parent = this.parent.get(current) as string;
    }
    return current;
  }

  union(a: string, b: string): void {
    const x = this.find(a);
    const y = this.find(b);
    // The smaller id becomes the root so that the result is deterministic.
    if (x < y) this.parent.set(y, x);
    else if (y < x) this.parent.set(x, y);
  }
}
