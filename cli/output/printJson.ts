/** Writes a value as indented JSON (what `--json` prints: the API's resource, unchanged). */
export function printJson(value: unknown, out: { write(text: string): unknown } = process.stdout): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}
