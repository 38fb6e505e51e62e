/** The end of a command's help: an optional note, then its examples as `$ forge-release …` lines. */
export function examplesHelp(examples: readonly string[], note?: string): string {
  const lines = examples.map((example) => `  $ forge-release ${example}`).join('\n');
  return `\n${note ? `${note}\n\n` : ''}Examples:\n${lines}`;
}
