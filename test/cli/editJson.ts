import { readFileSync, writeFileSync } from 'node:fs';
import type { Json } from '../unit/diff/exampleSnapshot';

/** Rewrites a JSON file through `edit`, pretty-printed like the example files. */
export function editJson(path: string, edit: (value: Json) => void): void {
  const value = JSON.parse(readFileSync(path, 'utf8'));
  edit(value);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
