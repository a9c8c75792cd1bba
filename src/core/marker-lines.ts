/**
 * Finds every place `marker` occurs in `text` and gives its 1-based line
 * with the index just past it, counting newlines once over the whole file:
 * how JSON lockfile readers find an entry's line without a parser that
 * keeps positions.
 */
export function* markerLines(
  text: string,
  marker: string,
): Generator<{ line: number; after: number }> {
  let line = 1;
  let counted = 0;
  for (
    let at = text.indexOf(marker);
    at >= 0;
    at = text.indexOf(marker, at + 1)
  ) {
    for (
      let nl = text.indexOf('\n', counted);
      nl >= 0 && nl <= at;
      nl = text.indexOf('\n', nl + 1)
    ) {
      line += 1;
      counted = nl + 1;
    }
    yield { line, after: at + marker.length };
  }
}
