import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: every test run gets one temporary folder, handed to
 * the test workers as TMPDIR, and removes it when the run ends, so the
 * folders tests make with mkdtemp do not pile up on the machine.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'qm-test-run-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
