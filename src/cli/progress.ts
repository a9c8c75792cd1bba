import cliProgress from 'cli-progress';

/**
 * A progress bar on an interactive terminal; nothing in pipes or on CI, so
 * logs and JSON stay clean.
 */
export function createProgress(label: string): {
  update(done: number, total: number, item: string): void;
  stop(): void;
} {
  const interactive = process.stderr.isTTY && !process.env.CI;
  if (!interactive) return { update: () => undefined, stop: () => undefined };

  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {item}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, item) {
      const short = item.length > 40 ? `…${item.slice(-39)}` : item;
      if (!started) {
        bar.start(total, done, { item: short });
        started = true;
      } else {
        bar.update(done, { item: short });
      }
    },
    stop: () => bar.stop(),
  };
}
