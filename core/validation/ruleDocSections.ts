// docs/rules.md has one `### \`<code>\`` section per diagnostic code; links to a rule point at its heading.
const heading = /^### `([a-z][a-z0-9-]*)`\s*$/;

/** The zero-based line of each rule's section heading in the rules document. */
export function ruleDocSectionLines(markdown: string): Map<string, number> {
  const lines = new Map<string, number>();
  markdown.split(/\r\n|\r|\n/).forEach((line, index) => {
    const code = heading.exec(line)?.[1];
    if (code !== undefined && !lines.has(code)) lines.set(code, index);
  });
  return lines;
}
