/**
 * `npm run demo`: merges the "Relance 1er rappel" starter template for the bundled fictitious
 * debtors into out/, and prints where the letters are.
 */
import { join, resolve } from 'node:path';

import { runMerge } from './merge-command';
import { UsageError } from './read-inputs';

const root = resolve(__dirname, '..', '..');
const out = join(root, 'out');

async function demo(): Promise<number> {
  const code = await runMerge({
    template: join(root, 'assets', 'templates', 'Relance 1er rappel.docx'),
    data: join(root, 'assets', 'demo', 'debtors.json'),
    out,
    report: join(out, 'rapport.json'),
  });
  console.log(`Ouvrez les courriers dans Word : ${out}`);
  console.log(`Compte rendu par client : ${join(out, 'rapport.json')}`);
  return code;
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Erreur : ${error instanceof UsageError ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
