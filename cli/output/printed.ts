import { jsonText } from './jsonText';
import { writeOutput } from './writeOutput';

/** What a command that prints data produced; printed by `ForgeCommand.prints` as JSON or as text. */
export interface Printed {
  /**
   * What `--json` prints: the API's resource or page, unchanged (or the command's own documented shape). A
   * handler that saw JSON was not asked for (see printsJson) and fetched only text leaves it null.
   */
  data: unknown;
  /** The text form, only computed without `--json`; empty when the command already showed everything. */
  text: () => string | Promise<string>;
  /** A failure to report once the output is out (validation errors, a release that failed): exit 1 and one line. */
  failure?: Error;
}

/** The options `prints` reads: `--json`, a `--format` with a `json` choice, and `--out <file>`. */
export interface PrintOptions {
  json?: boolean;
  format?: string;
  out?: string;
}

/** Whether the command's output is JSON: `--json`, or `--format json` on a command that has both. */
export function printsJson(options: PrintOptions): boolean {
  return options.json === true || options.format === 'json';
}

/** Where progress and notes go: stdout, or stderr when stdout carries JSON (so `| jq` always reads a document). */
export function progressOutput(options: PrintOptions): NodeJS.WriteStream {
  return printsJson(options) ? process.stderr : process.stdout;
}

/** Prints a command's result to stdout (or `--out`), then raises its failure, if any. */
export async function emit(printed: Printed, options: PrintOptions): Promise<void> {
  const text = printsJson(options) ? jsonText(printed.data) : await printed.text();
  if (text !== '' || options.out !== undefined) await writeOutput(text, options.out);
  if (printed.failure) throw printed.failure;
}
