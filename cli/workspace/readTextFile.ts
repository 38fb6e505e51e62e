import { readFile } from 'node:fs/promises';
import { InputError } from '../errors';

/** Reads a UTF-8 text file (without a byte-order mark); an unreadable file is an InputError naming it. */
export async function readTextFile(absolutePath: string, shownAs: string): Promise<string> {
  try {
    const text = await readFile(absolutePath, 'utf8');
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch (error) {
    throw new InputError(`cannot read ${shownAs}: ${describeFsError(error)}`);
  }
}

/** A file-system error in a few words (`no such file or directory`), without the stack. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
  };
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
}
