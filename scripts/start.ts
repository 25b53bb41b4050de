/**
 * `npm start`: starts the reference API (the demo database of `npm run api`) and the pane's HTTPS
 * dev server, then says how to load the add-in into Word on this machine. Ctrl+C stops both.
 *
 * Where Word for Windows or Mac is installed, it loads the add-in into Word with
 * office-addin-debugging (through npx: the tool is about 450 MB with binary downloads, so it is not
 * a dependency); `--no-sideload` only prints the steps to load it by hand; `--help`.
 *
 * The platform is checked here, not left to office-addin-debugging or office-addin-dev-certs:
 * both exit with 0 on Linux after failing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { desktopSteps, findWordDesktop, webSteps, type WordDesktop } from './sideload-steps';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const PANE_PORT = 3000;
const PANE_URL = `https://localhost:${PANE_PORT}/taskpane.html`;
const API_PORT = Number(process.env.PORT || 4010);
const DEBUGGING = 'office-addin-debugging@7.0.0';
const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 3000;

const HELP = `Usage : npm start [-- --no-sideload]

Démarre le serveur Opisto de référence (données de démonstration) sur http://127.0.0.1:${API_PORT}
et le volet sur ${PANE_URL}. Sous Windows ou macOS avec Word installé, charge le complément
dans Word avec office-addin-debugging (téléchargé par npx à la première utilisation) ; ailleurs,
indique comment le charger dans Word sur le web.
  --no-sideload  n’affiche que les étapes pour charger le complément à la main
Ctrl+C arrête les deux serveurs.`;

const children: ChildProcess[] = [];
let stopping = false;

/** Runs a process of this project, its output prefixed so the two servers' lines stay apart. */
function startChild(label: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${label}] ${line}`));
  }

  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`Le ${label} s’est arrêté (${signal ?? `code ${code}`}) ; arrêt de l’autre.`);
      process.exitCode = 1;
      stopAll();
    } else if (!children.some(isRunning)) {
      console.log('Serveurs arrêtés.');
    }
  });
  children.push(child);
  return child;
}

function startApi(): void {
  // The sources through tsx, as `npm run api` runs their build: no stale dist/ to rebuild first.
  startChild('serveur API', ['--import', 'tsx', 'src/server/main.ts'], {
    ...process.env,
    PORT: String(API_PORT),
  });
}

function startDevServer(): void {
  const webpackCli = require.resolve('webpack-cli/bin/cli.js');
  startChild('volet', [webpackCli, 'serve', '--mode', 'development'], process.env);
}

/** Resolves once something accepts connections on the port, polling every half second. */
async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    if (await isListening(port)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`rien n’écoute sur le port ${port} après ${timeoutMs / 1000} s`);
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function printSummary(word: WordDesktop | undefined, sideload: boolean): void {
  const key = process.env.OPISTO_API_KEY
    ? 'celle de la variable OPISTO_API_KEY (non affichée)'
    : 'demo-key';
  const lines = [
    '',
    `Volet Opisto Relances : ${PANE_URL}`,
    `Serveur Opisto (démonstration) : http://127.0.0.1:${API_PORT}`,
    `Dans l’onglet Paramètres du volet, adresse http://127.0.0.1:${API_PORT}, clé API : ${key}`,
    '',
  ];

  if (word && sideload) {
    lines.push(`Chargement du complément dans Word avec ${DEBUGGING}…`);
  } else if (word) {
    lines.push(...desktopSteps(word, MANIFEST), '', ...webSteps(MANIFEST, PANE_URL));
  } else {
    lines.push(
      `Word pour Windows ou Mac n’est pas installé ici (${process.platform}) : chargez le`,
      'complément dans Word sur le web, ou ouvrez le volet dans le navigateur.',
      ...webSteps(MANIFEST, PANE_URL),
    );
  }
  lines.push('', 'Ctrl+C pour arrêter les deux serveurs.');
  console.log(lines.join('\n'));
}

/**
 * Runs office-addin-debugging through npx, without its own dev server because ours already runs.
 * NOTE: never run here (Linux has no Word desktop); checked only against the tool's sources.
 */
function debugging(command: 'start' | 'stop'): void {
  const args = ['--yes', DEBUGGING, command, MANIFEST];
  if (command === 'start') {
    args.push('desktop', '--app', 'word', '--no-debug', '--dev-server-port', String(PANE_PORT));
  }
  const env = { ...process.env };
  delete env.npm_package_scripts_dev_server;

  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const result = spawnSync(npx, args, { cwd: ROOT, env, stdio: 'inherit', shell: false });
  if (result.status !== 0) {
    console.error(`${DEBUGGING} ${command} a échoué (code ${result.status ?? 'inconnu'}).`);
  }
}

let sideloaded = false;

/**
 * Stops both servers. After Ctrl+C they got the terminal's SIGINT already and are closing, so
 * SIGTERM goes only to one still running after a grace period (or when only this process was
 * signalled).
 */
function stopAll(): void {
  if (stopping) {
    return;
  }
  stopping = true;
  if (sideloaded) {
    debugging('stop');
  }
  for (const child of children) {
    setTimeout(() => {
      if (isRunning(child)) {
        child.kill('SIGTERM');
      }
    }, STOP_GRACE_MS).unref();
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Tells whether nothing listens on `port` of this machine yet. */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(HELP);
    return;
  }
  const unknown = args.filter((arg) => arg !== '--no-sideload');
  if (unknown.length > 0) {
    console.error(`Option inconnue : ${unknown.join(' ')}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }

  const word = findWordDesktop();
  const sideload = !args.includes('--no-sideload');

  // Another instance would respond on the ports and pass for this one's servers.
  for (const [port, what] of [
    [API_PORT, 'le serveur Opisto de démonstration'],
    [PANE_PORT, 'le volet'],
  ] as const) {
    if (!(await isPortFree(port))) {
      console.error(
        `Le port ${port}, dont ${what} a besoin, est déjà utilisé (un autre « npm start » ?). ` +
          'Arrêtez le programme qui l’occupe, puis relancez.',
      );
      process.exitCode = 1;
      return;
    }
  }

  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
  console.log('Démarrage du serveur Opisto de démonstration et du volet (HTTPS)…');
  startApi();
  startDevServer();
  await waitForPort(API_PORT, START_TIMEOUT_MS);
  await waitForPort(PANE_PORT, START_TIMEOUT_MS);
  if (stopping) {
    return;
  }

  printSummary(word, sideload);
  if (word && sideload) {
    sideloaded = true;
    debugging('start');
  }
}

main().catch((error: unknown) => {
  console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
  stopAll();
});
