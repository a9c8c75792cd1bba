import type { Exposure } from '../core/catalog.js';
import type { GroupLink } from '../queries/groups.js';
import type { DependencyPath } from '../queries/who-uses-paths.js';

/** The exposure as `services --exposure` spells it, or `-` when none applies. */
export function formatExposure(exposure: Exposure): string {
  const flags = [
    exposure.internetFacing && 'internet-facing',
    exposure.userData && 'user-data',
    exposure.paymentPath && 'payment-path',
  ].filter(Boolean);
  return flags.length > 0 ? flags.join(',') : '-';
}

/** The short name of an entity ref: `group:default/squad-a` → `squad-a`. */
export function shortRef(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1).replace(/^(group|user):/, '');
}

/** The top of the owner chain (the tribe), or `-`. */
export function topGroup(chain: readonly GroupLink[]): string {
  return chain.length > 1 ? shortRef(chain[chain.length - 1]!.ref) : '-';
}

export function formatPath(path: DependencyPath): string {
  return path
    .map((step) =>
      step.root || step.version === null
        ? step.name
        : `${step.name}@${step.version}`,
    )
    .join(' > ');
}

/** `1 finding`, `2 findings`: a count with its noun. */
export function counted(count: number, noun: string, plural = `${noun}s`) {
  return `${count} ${count === 1 ? noun : plural}`;
}
