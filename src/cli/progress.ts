/**
 * A progress bar on the terminal; nothing when the output goes to a file or a pipe.
 */
import { SingleBar } from 'cli-progress';

export type Progress = { increment(): void; stop(): void };

export function startProgress(total: number): Progress {
  if (!process.stderr.isTTY || total < 2) {
    return { increment: () => undefined, stop: () => undefined };
  }

  const bar = new SingleBar({
    format: 'Courriers [{bar}] {value} / {total}',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0);
  return { increment: () => bar.increment(), stop: () => bar.stop() };
}
