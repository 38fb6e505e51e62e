import { relative, sep } from 'node:path';

/** How a file is named in output: relative to the working folder, with `/` separators (what CI annotations need). */
export function shownPath(cwd: string, absolutePath: string): string {
  const path = relative(cwd, absolutePath);
  return (path === '' ? '.' : path).split(sep).join('/');
}
