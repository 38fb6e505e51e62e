import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError } from '../errors';
import { describeFsError } from './readTextFile';

/** What a path given on the command line is; a missing or inaccessible one is an InputError naming it. */
export async function statPath(absolutePath: string, shownAs: string): Promise<Stats> {
  try {
    return await stat(absolutePath);
  } catch (error) {
    throw new InputError(`${shownAs}: ${describeFsError(error)}`);
  }
}
