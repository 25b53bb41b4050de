/**
 * Runs the conformance cases through the .docx engine and the Word.js engine (on the fake Word
 * object model) and prints the differences between their letters.
 *
 * Run: npm run conformance -- --cases test/conformance/cases --out out/conformance
 * Exit codes: 0 every case passed, 1 some failed, 2 bad arguments or unreadable cases folder.
 */
import { Command, CommanderError, Help } from 'commander';

import { isCalendarDate, localCalendarDate } from '../src/merge/format';
import { CaseError } from '../test/conformance/case-runner';
import { formatResults } from '../test/conformance/report';
import { runConformance } from '../test/conformance/run-cases';

const USAGE_EXIT = 2;

type Options = { cases: string; out: string; date?: string };

/** Commander's own messages are English; the users read French. */
const COMMANDER_MESSAGES: Readonly<Record<string, string>> = {
  'commander.missingMandatoryOptionValue': 'option obligatoire manquante',
  'commander.optionMissingArgument': 'valeur manquante pour une option',
  'commander.unknownOption': 'option inconnue',
  'commander.excessArguments': 'arguments en trop',
};

function buildProgram(): Command {
  return new Command('conformance')
    .description('compare les courriers des moteurs .docx et Word.js sur chaque cas')
    .helpOption('-h, --help', 'affiche cette aide')
    .requiredOption('--cases <dossier>', 'dossier des cas (template.docx et record.json chacun)')
    .requiredOption('--out <dossier>', 'dossier où écrire les courriers des deux moteurs')
    .option('--date <AAAA-MM-JJ>', 'date des courriers (opistodatejour), aujourd’hui par défaut')
    .configureHelp({
      formatHelp: (command, helper) =>
        Help.prototype.formatHelp
          .call(helper, command, helper)
          .replace(/^Usage:/m, 'Utilisation :')
          .replace(/^Options:/m, 'Options :'),
    })
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = buildProgram().parse(argv, { from: 'user' }).opts<Options>();
  } catch (error) {
    return commanderExit(error);
  }

  const date = options.date ?? localCalendarDate(new Date());
  if (!isCalendarDate(date)) {
    return usageError(`--date : date invalide « ${date} », format attendu AAAA-MM-JJ.`);
  }

  try {
    const results = await runConformance({ casesDir: options.cases, outDir: options.out, date });
    formatResults(results).forEach((line) => console.log(line));
    return results.every((result) => result.passed) ? 0 : 1;
  } catch (error) {
    if (error instanceof CaseError) {
      return usageError(`${error.message}.`);
    }
    throw error;
  }
}

function commanderExit(error: unknown): number {
  if (!(error instanceof CommanderError)) {
    throw error;
  }
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') {
    return 0;
  }

  // Commander quotes the option at fault: show it, not its English sentence.
  const label = COMMANDER_MESSAGES[error.code] ?? 'utilisation incorrecte';
  const subject = /'([^']+)'/.exec(error.message)?.[1];
  return usageError(`${label}${subject ? ` : ${subject}` : ''}.`);
}

function usageError(message: string): number {
  console.error(`Erreur : ${message}`);
  console.error('Lancez « npm run conformance -- --help » pour voir les options.');
  return USAGE_EXIT;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
