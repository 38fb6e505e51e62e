import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors';

/** Writes a command's output to `--out <file>` (saying so on stderr), or to stdout without one. */
export async function writeOutput(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  const path = resolve(out);
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new InputError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  process.stderr.write(`wrote ${path}\n`);
}
