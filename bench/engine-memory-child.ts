/**
 * Child process of the memory benchmark. It writes LETTERS letters of the starter template to
 * FOLDER, one file each as the command line does, then prints its peak resident memory as one
 * JSON line (`MemoryChildReport`). It runs in a fresh process so that the parent's heap does not
 * count.
 *
 * Usage: node --import tsx bench/engine-memory-child.ts LETTERS FOLDER
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { buildLetterValues, renderLetter } from '../src/merge';
import { benchRecord, compileStarter, LETTER_DATE, type MemoryChildReport } from './engine';

/** Reads the peak resident memory (VmHWM, in kB) from Linux's `/proc/self/status`, or null. */
function vmHwmKb(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function main(): void {
  const letters = Number(process.argv[2]);
  const folder = process.argv[3];
  if (!Number.isInteger(letters) || letters < 1 || !folder) {
    const argumentsText = JSON.stringify(process.argv.slice(2));
    throw new Error(
      `invalid arguments ${argumentsText}: expected LETTERS (a positive integer) and FOLDER`,
    );
  }

  const compiled = compileStarter();
  for (let index = 0; index < letters; index++) {
    // Each record is built, rendered, written and then dropped, like a stream of records.
    const values = buildLetterValues(benchRecord(index), LETTER_DATE);
    writeFileSync(path.join(folder, `lettre-${index}.docx`), renderLetter(compiled, values));
  }

  const report: MemoryChildReport = {
    letters,
    // maxRSS is in kilobytes.
    maxRssKb: process.resourceUsage().maxRSS,
    vmHwmKb: vmHwmKb(),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main();
