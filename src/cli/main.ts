/**
 * Entry point of the `opisto-relances` command. Exit codes: 0 success, 1 some letters or PDFs
 * failed (or the checked template has unknown words), 2 bad usage or unreadable input, 3 a bug.
 */
import { Command, CommanderError, Help } from 'commander';

import { runCheck } from './check-command';
import { runMerge } from './merge-command';
import { UsageError } from './read-inputs';

const USAGE_EXIT = 2;
const INTERNAL_ERROR_EXIT = 3;

/** Commander's own messages are English; the users read French. */
const COMMANDER_MESSAGES: Readonly<Record<string, string>> = {
  'commander.missingMandatoryOptionValue': 'option obligatoire manquante',
  'commander.optionMissingArgument': 'valeur manquante pour une option',
  'commander.unknownOption': 'option inconnue',
  'commander.unknownCommand': 'commande inconnue',
  'commander.excessArguments': 'arguments en trop',
  'commander.missingArgument': 'argument manquant',
};

const HELP_HEADINGS: ReadonlyArray<[RegExp, string]> = [
  [/^Usage:/gm, 'Utilisation :'],
  [/^Options:/gm, 'Options :'],
  [/^Commands:/gm, 'Commandes :'],
  [/^Arguments:/gm, 'Arguments :'],
  [/\(default: /g, '(par défaut : '],
];

/** Commander's help is English; its headings are put in French here. */
function formatHelpInFrench(command: Command, helper: Help): string {
  let text = Help.prototype.formatHelp.call(helper, command, helper);
  for (const [english, french] of HELP_HEADINGS) {
    text = text.replace(english, french);
  }
  text = text.replace(/\[command\]/g, '[commande]');
  return text.endsWith('\n') ? text : `${text}\n`;
}

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('opisto-relances')
    .configureHelp({ formatHelp: formatHelpInFrench })
    .description('Courriers de relance Opisto à partir d’un modèle Word (.docx)')
    .helpOption('-h, --help', 'affiche cette aide')
    .addHelpCommand(false)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  program
    .command('merge')
    .description('écrit un courrier .docx par client')
    .requiredOption('--template <fichier.docx>', 'modèle Word contenant les champs opisto…')
    .requiredOption('--out <dossier>', 'dossier où écrire les courriers (créé au besoin)')
    .option('--data <clients.json>', 'un client ou une liste de clients (format JSON)')
    .option('--api <adresse>', 'ou : adresse du serveur Opisto, par exemple http://127.0.0.1:4010')
    .option('--api-key <clé>', 'clé API (sinon la variable d’environnement OPISTO_API_KEY)')
    .option('--due-before <AAAA-MM-JJ>', 'avec --api : pièces échues avant cette date (exclue)')
    .option('--invoiced-from <AAAA-MM-JJ>', 'avec --api : pièces datées de ce jour ou après')
    .option('--invoiced-to <AAAA-MM-JJ>', 'avec --api : pièces datées de ce jour ou avant')
    .option('--kinds <liste>', 'avec --api : invoices, creditNotes, transactions (virgules)')
    .option('--name <texte>', 'avec --api : partie du nom du client')
    .option('--city <texte>', 'avec --api : partie de la ville')
    .option('--postal-code <début>', 'avec --api : début du code postal')
    .option('--next-level <niveau>', 'avec --api : clients dont la prochaine relance est 1, 2 ou 3')
    .option('--not-reminded-for <jours>', 'avec --api : clients pas relancés depuis N jours')
    .option('--date <AAAA-MM-JJ>', 'date des courriers (opistodatejour), aujourd’hui par défaut')
    .option('--single', 'un seul document, chaque courrier sur une nouvelle page')
    .option('--pdf', 'écrit aussi un PDF de chaque courrier (LibreOffice)')
    .option('--report <rapport.json>', 'écrit le compte rendu de chaque client (JSON)')
    .option('--level <niveau>', '1, 2 ou 3 : 1er rappel, 2e rappel, mise en demeure')
    .option('--penalty-rate <taux>', 'taux annuel des pénalités de retard en %, ex. 13.15')
    .option('--min-amount <euros>', 'pas de courrier sous ce restant dû (0 par défaut)')
    .option('--confirm-unmatched', 'inclut les clients ayant un paiement non lettré, vérifiés')
    .option('--no-history', 'avec --api : n’enregistre pas ces relances dans l’historique')
    .action(async (options) => setExitCode(await runMerge(options)));

  program
    .command('check')
    .description('liste les champs du modèle et les mots inconnus')
    .requiredOption('--template <fichier.docx>', 'modèle Word à vérifier')
    .action((options: { template: string }) => setExitCode(runCheck(options.template)));

  return program;
}

async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, unknownOption(program, argv));
  }
}

/**
 * Finds an option that no command declares. Commander reports a missing required option before an
 * unknown one, but `--modele` for `--template` is the mistake the user needs to see.
 */
function unknownOption(program: Command, argv: readonly string[]): string | undefined {
  const known = new Set(
    [program, ...program.commands].flatMap((command) =>
      command.options.map((option) => option.long),
    ),
  );
  known.add('--help');
  return argv.find((arg) => arg.startsWith('--') && !known.has(arg.split('=')[0]));
}

function handleError(error: unknown, unknown: string | undefined): number {
  if (error instanceof CommanderError && unknown !== undefined) {
    return usageError(`option inconnue : ${unknown}.`);
  }
  if (error instanceof CommanderError) {
    if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) {
      return 0;
    }
    const label = COMMANDER_MESSAGES[error.code] ?? 'utilisation incorrecte';
    // Commander quotes the option or command at fault: show it, not its English sentence.
    const subject = /'([^']+)'/.exec(error.message)?.[1];
    return usageError(`${label}${subject ? ` : ${subject}` : ''}.`);
  }
  if (error instanceof UsageError) {
    console.error(`Erreur : ${error.message}`);
    return USAGE_EXIT;
  }

  // An unexpected failure is a bug: the user gets a plain message, and the stack trace is
  // printed only when OPISTO_DEBUG is set.
  console.error(
    `Erreur interne : ${error instanceof Error ? error.message : String(error)}. ` +
      'Signalez-la à l’équipe Opisto, avec la commande lancée et le fichier ' +
      'opisto-relances.log du dossier de sortie.',
  );
  if (process.env.OPISTO_DEBUG && error instanceof Error) {
    console.error(error.stack);
  }
  return INTERNAL_ERROR_EXIT;
}

function usageError(message: string): number {
  console.error(`Erreur : ${message}`);
  console.error('Lancez « npx opisto-relances --help » pour voir les commandes et leurs options.');
  return USAGE_EXIT;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
