import type { ExtractionWarning } from '../../core/model.js';

// A broken lockfile can miss thousands of entries; past this many warnings
// of one code the rest are counted, not listed.
const MAX_PER_CODE = 50;

/** Collects a file's warnings, capped per code so a bad file stays readable. */
export class WarningList {
  private readonly items: ExtractionWarning[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly file: string) {}

  add(code: string, message: string, line?: number): void {
    const count = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, count);
    if (count > MAX_PER_CODE) return;
    const warning: ExtractionWarning = { file: this.file, code, message };
    if (line !== undefined) warning.line = line;
    this.items.push(warning);
  }

  list(): ExtractionWarning[] {
    const out = [...this.items];
    for (const [code, count] of this.counts) {
      if (count <= MAX_PER_CODE) continue;
      out.push({
        file: this.file,
        code,
        message: `${count - MAX_PER_CODE} more ${code} warnings left out`,
      });
    }
    return out;
  }
}
