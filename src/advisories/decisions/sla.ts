/** Days to fix a finding by priority when `policies.slaDays` says nothing. */
export const DEFAULT_SLA_DAYS: Readonly<Record<string, number>> = {
  P1: 7,
  P2: 30,
  P3: 90,
  P4: 180,
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The date (YYYY-MM-DD) a finding first seen at `firstSeen` must be fixed
 * by, or undefined when no SLA covers its priority or the date is unreadable.
 */
export function dueDate(
  firstSeen: string,
  priority: string,
  slaDays: Readonly<Record<string, number>> = DEFAULT_SLA_DAYS,
): string | undefined {
  const days = slaDays[priority] ?? DEFAULT_SLA_DAYS[priority];
  const start = Date.parse(firstSeen);
  if (days === undefined || Number.isNaN(start)) return undefined;
  return new Date(start + days * DAY_MS).toISOString().slice(0, 10);
}
