/** Printing helpers for the command line: JSON or aligned text tables. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as columns padded to their widest cell. */
export function printTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): void {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, i) =>
    cells.reduce((widest, r) => Math.max(widest, (r[i] ?? '').length), 0),
  );
  for (const row of cells) {
    const line = row.map((cell, i) =>
      i === row.length - 1 ? cell : cell.padEnd(widths[i]!),
    );
    process.stdout.write(`${line.join('  ').trimEnd()}\n`);
  }
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}
