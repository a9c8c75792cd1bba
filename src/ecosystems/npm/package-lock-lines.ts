/**
 * The line of each `packages` entry of a v2/v3 lockfile as npm writes it:
 * one key per line, indented with the unit of the file's first key (npm
 * keeps package.json's: two spaces, tabs, ...). One pass of indexOf over the
 * text, far cheaper than the parse; a lockfile written otherwise (minified)
 * simply yields no lines, which are optional.
 */
export function packageEntryLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const unit = indentUnit(text);
  if (!unit) return lines;
  const topKey = `${unit}"`;
  const entryKey = `${unit}${unit}"`;
  const packagesKey = `${unit}"packages"`;

  let inPackages = false;
  let line = 1;
  for (let pos = 0; pos < text.length; line += 1) {
    const newline = text.indexOf('\n', pos);
    if (text.startsWith(topKey, pos)) {
      inPackages = text.startsWith(packagesKey, pos);
    } else if (inPackages && text.startsWith(entryKey, pos)) {
      const start = pos + entryKey.length;
      const close = text.indexOf('"', start);
      if (close > 0) lines.set(text.slice(start, close), line);
    }
    if (newline < 0) break;
    pos = newline + 1;
  }
  return lines;
}

/** The whitespace before the first key, or '' for a minified file. */
function indentUnit(text: string): string {
  const newline = text.indexOf('\n');
  if (newline < 0) return '';
  const quote = text.indexOf('"', newline);
  const unit = quote < 0 ? '' : text.slice(newline + 1, quote);
  return /^[ \t]+$/.test(unit) ? unit : '';
}
