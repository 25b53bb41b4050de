/**
 * How `npm start` gets the add-in into Word on this machine: which Word it can find, and the
 * steps it prints for the user to load manifest.xml by hand.
 *
 * office-addin-debugging is not a dependency (451 MB with binary downloads) and exits 0 even when
 * it fails, so `npm start` runs it only on Windows or macOS with Word installed and only when
 * asked (`npm start -- --sideload`); every other case prints the steps below.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export type WordDesktop = { platform: 'win32' | 'darwin'; path: string };

/** Word for Windows or Mac installed at its usual place, or undefined. */
export function findWordDesktop(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
): WordDesktop | undefined {
  const candidates = wordPaths(platform, env);
  const found = candidates.find((file) => exists(file));
  if (found === undefined || (platform !== 'win32' && platform !== 'darwin')) {
    return undefined;
  }
  return { platform, path: found };
}

function wordPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return ['/Applications/Microsoft Word.app'];
  }
  if (platform !== 'win32') {
    return [];
  }

  // Click-to-Run installs (Microsoft 365) live under root\Office16, MSI installs directly under it.
  const roots = [env.ProgramFiles, env['ProgramFiles(x86)']].filter(
    (root): root is string => root !== undefined && root !== '',
  );
  return roots.flatMap((root) => [
    path.win32.join(root, 'Microsoft Office', 'root', 'Office16', 'WINWORD.EXE'),
    path.win32.join(root, 'Microsoft Office', 'Office16', 'WINWORD.EXE'),
  ]);
}

/** Loading the manifest into Word on the web, the route that works on every system. */
export function webSteps(manifest: string, paneUrl: string): string[] {
  return [
    'Pour charger le complément dans Word sur le web :',
    `  1. Dans ce navigateur, ouvrez ${paneUrl} ; si un avertissement de certificat s’affiche,`,
    '     acceptez-le (certificat de développement), sinon Word ne pourra pas afficher le volet.',
    '  2. Ouvrez un document dans Word sur le web (https://www.office.com).',
    '  3. Insertion > Compléments > Plus de paramètres > Charger mon complément',
    '     (en anglais : Insert > Add-ins > Upload My Add-in), puis choisissez :',
    `     ${manifest}`,
    '  4. Onglet Accueil, groupe Opisto : cliquez sur « Relances ».',
  ];
}

/** Loading the manifest by hand into the Word installed on this machine. */
export function desktopSteps(word: WordDesktop, manifest: string): string[] {
  const steps =
    word.platform === 'darwin'
      ? [
          '  1. Quittez Word.',
          '  2. Copiez le manifeste dans le dossier des compléments de Word :',
          `     mkdir -p "${macAddinFolder()}" && cp "${manifest}" "${macAddinFolder()}/"`,
          '  3. Rouvrez Word, ouvrez un document : Insertion > Compléments > Mes compléments,',
          '     puis « Opisto Relances ».',
        ]
      : [
          '  1. Partagez un dossier (par exemple C:\\Manifestes) et copiez-y :',
          `     ${manifest}`,
          '  2. Dans Word : Fichier > Options > Centre de gestion de la confidentialité >',
          '     Paramètres du Centre de gestion de la confidentialité > Catalogues de compléments',
          '     approuvés ; ajoutez le chemin réseau du dossier ' +
            '(\\\\NOM-DU-PC\\Manifestes) et cochez',
          '     « Afficher dans le menu ».',
          '  3. Redémarrez Word : Insertion > Compléments > Mes compléments > Dossier partagé,',
          '     puis « Opisto Relances ».',
        ];
  return [
    `Word est installé (${word.path}). Pour y charger le complément à la main :`,
    ...steps,
    'Ou relancez avec « npm start -- --sideload » : le complément est alors chargé par',
    'office-addin-debugging, téléchargé par npx à la première utilisation (environ 450 Mo).',
  ];
}

function macAddinFolder(): string {
  return path.join(
    homedir(),
    'Library',
    'Containers',
    'com.microsoft.Word',
    'Data',
    'Documents',
    'wef',
  );
}
