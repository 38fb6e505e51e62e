import { InvalidArgumentError } from 'commander';

/** Commander argument parser for counts such as `--limit`: a usage error (exit 2) for anything but 1, 2, 3 … */
export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return value;
}
