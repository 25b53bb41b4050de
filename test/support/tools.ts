/**
 * Locating and running the command-line tools that the tests drive (xmllint, soffice, pdftotext).
 */

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The Debian packages of every tool the tests use, with the fonts that layout checks expect. */
export const INSTALL_COMMAND =
  'apt-get install -y --no-install-recommends libreoffice-writer poppler-utils libxml2-utils ' +
  'fonts-crosextra-carlito fonts-liberation2';

const DEBIAN_PACKAGE_BY_TOOL: Readonly<Record<string, string>> = {
  soffice: 'libreoffice-writer',
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  xmllint: 'libxml2-utils',
};

/** Output of a finished command. */
export interface CommandResult {
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCommand}. */
export interface RunOptions {
  /** Text written to the command's standard input, which is closed afterwards. */
  input?: string;
  /** Time after which the command and its children are killed and the call fails. */
  timeoutMs: number;
}

/**
 * Returns the absolute path of a tool found on PATH.
 *
 * @throws Error when the tool is missing. Under `CI=true` the error names the package that the CI
 * script must install, because a test skipped in CI would hide a broken check. Elsewhere it gives
 * the `apt-get` command that installs the tools.
 */
export function requireTool(name: string): string {
  const found = findOnPath(name);
  if (found !== undefined) {
    return found;
  }

  const debianPackage = DEBIAN_PACKAGE_BY_TOOL[name] ?? 'the package that provides it';
  if (process.env.CI === 'true') {
    throw new Error(
      `${name} not found on PATH in CI; the CI script must install ${debianPackage}: ` +
        INSTALL_COMMAND,
    );
  }
  throw new Error(
    `${name} not found on PATH. It comes with the Debian package ${debianPackage}; ` +
      `install the test tools as root with: ${INSTALL_COMMAND}`,
  );
}

/**
 * Runs a command without a shell and collects its output.
 *
 * The command runs in its own process group, so that a timeout also kills the children it
 * started (soffice runs as a wrapper script around soffice.bin).
 *
 * @throws Error when the command cannot start or runs longer than `timeoutMs`.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killProcessGroup(child.pid);
    }, options.timeoutMs);

    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Failed to start ${command}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new Error(`${command} timed out after ${options.timeoutMs} ms and was killed`));
        return;
      }
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });

    // A command that exits before reading all its input closes the pipe. Its exit code and output
    // report what went wrong, so the EPIPE itself is not an error to report.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

function findOnPath(name: string): string | undefined {
  const directories = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const directory of directories) {
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory: try the next one.
    }
  }
  return undefined;
}

function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) {
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has already exited.
  }
}
