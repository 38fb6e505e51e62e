import type { Command } from 'commander';

/** One argument or option of the command being run, as the user sees it. */
export interface CommandInput {
  /** How it is written on the command line: `--env`, `<version>`. */
  label: string;
  /** What API field names are matched against: `env`, `version`, `release-id`. */
  name: string;
  value: unknown;
  /** True when the user gave it (on the command line or in its environment variable), not a default. */
  given: boolean;
}

/**
 * The API fields each input name stands for beyond its own (kebab-cased) name. A command gets its refusals
 * worded in its own flags by naming them after the API's fields or after one of these.
 */
const fieldAliases: Readonly<Record<string, readonly string[]>> = {
  environment: ['env'],
  // The environment routes' `:name`.
  name: ['env'],
  releaseId: ['release', 'release-id'],
  id: ['release-id', 'user-id', 'user'],
  tag: ['version'],
  // rollback's `--to`.
  version: ['to'],
  override: ['break-glass'],
};

/** The arguments and options (with a long flag) of `command`, with the values it was run with. */
export function commandInputs(command: Command): CommandInput[] {
  const values = command.opts();
  const argumentsGiven = command.registeredArguments.map((argument, index) => ({
    label: `<${argument.name()}>`,
    name: argument.name(),
    value: command.processedArgs[index],
    given: command.processedArgs[index] !== undefined,
  }));
  const optionsGiven = command.options.flatMap((option) => {
    if (!option.long) return [];
    const key = option.attributeName();
    const source = command.getOptionValueSource(key);
    return [{ label: option.long, name: option.long.replace(/^--/, ''), value: values[key], given: source === 'cli' || source === 'env' }];
  });
  return [...argumentsGiven, ...optionsGiven];
}

/** The input an API field (`environment`, `override.reason`, `releaseId`) came from, if the command has one. */
export function inputForField(inputs: readonly CommandInput[], fieldPath: string): CommandInput | undefined {
  const field = fieldPath.split('.')[0] ?? '';
  const names = [kebabCase(field), ...(fieldAliases[field] ?? [])];
  for (const name of names) {
    const input = inputs.find((candidate) => candidate.name === name);
    if (input) return input;
  }
  return undefined;
}

/**
 * The input the user typed `value` into (the value a 404 names), preferring one named after `field` when
 * several hold it; else the input `field` maps to.
 */
export function inputForValue(inputs: readonly CommandInput[], field: string, value: string): CommandInput | undefined {
  const holding = inputs.filter((input) => input.given && String(input.value) === value);
  if (holding.length === 1) return holding[0];
  return inputForField(holding.length > 0 ? holding : inputs, field) ?? holding[0];
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
