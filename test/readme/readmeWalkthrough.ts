import { spawnSync } from 'node:child_process';

/** One command of the README, where it is, and what the README shows it printing (empty: nothing shown). */
export interface WalkthroughStep {
  /** 1-based line of the README where the command starts. */
  line: number;
  command: string;
  expected: string[];
  /** The README shows the command failing (its output ends with the CLI's `forge-release:` error line). */
  fails: boolean;
}

/** The marker a fenced block carries on the line before it when the walkthrough test runs it. */
export const walkthroughMarker = '<!-- walkthrough -->';

/** The README's first command: the first line of its first fenced block, without its comment. */
export function firstCommand(readme: string): WalkthroughStep {
  const lines = readme.split('\n');
  const fence = lines.findIndex((line) => line.startsWith('```'));
  const text = lines[fence + 1] ?? '';
  return { line: fence + 2, command: text.replace(/\s+#.*$/, '').trim(), expected: [], fails: false };
}

/**
 * The commands of every marked block, in README order. A `bash` block is a script: a command runs until it is
 * complete shell syntax (continuation lines, loops), comment lines are skipped, and lines starting with `{` right
 * after a command are the JSON it prints. A `text` block is a terminal transcript: `$ command`, then its output.
 * A block marked `<!-- walkthrough: output of <command> -->` is what that earlier command prints.
 */
export function walkthroughSteps(readme: string): WalkthroughStep[] {
  const lines = readme.split('\n');
  const steps: WalkthroughStep[] = [];
  for (let index = 0; index < lines.length; index++) {
    const marker = lines[index]?.trim() ?? '';
    const outputOf = outputMarker.exec(marker)?.[1];
    if (marker !== walkthroughMarker && outputOf === undefined) continue;
    const open = lines[index + 1] ?? '';
    if (!open.startsWith('```')) throw new Error(`README.md:${index + 1}: ${marker} must be followed by a fenced block`);
    const close = lines.findIndex((line, at) => at > index + 1 && line.startsWith('```'));
    const body = lines.slice(index + 2, close).map((text, offset) => ({ text, line: index + 3 + offset }));
    if (outputOf !== undefined) {
      const step = steps.findLast((candidate) => candidate.command === outputOf);
      if (!step) throw new Error(`README.md:${index + 1}: no walkthrough command before it is \`${outputOf}\``);
      step.expected.push(...body.map((entry) => entry.text));
      step.fails = failsAsShown(step.expected);
    } else {
      steps.push(...(open.trim() === '```text' ? transcriptSteps(body) : scriptSteps(body)));
    }
    index = close;
  }
  return steps;
}

/** Before a block that shows what an earlier walkthrough command prints (a command shown apart from its output). */
const outputMarker = /^<!-- walkthrough: output of (.+) -->$/;

/** A command shown ending with the CLI's error line is shown failing. */
function failsAsShown(expected: readonly string[]): boolean {
  return expected[expected.length - 1]?.startsWith('forge-release: ') ?? false;
}

type NumberedLine = { text: string; line: number };

function scriptSteps(body: readonly NumberedLine[]): WalkthroughStep[] {
  const steps: WalkthroughStep[] = [];
  let pending: NumberedLine[] = [];
  for (const entry of body) {
    const last = steps[steps.length - 1];
    if (pending.length === 0 && entry.text.startsWith('{') && last) {
      last.expected.push(entry.text);
      continue;
    }
    if (pending.length === 0 && (entry.text.trim() === '' || entry.text.trimStart().startsWith('#'))) continue;
    pending.push(entry);
    const command = pending.map((part) => part.text).join('\n');
    if (!entry.text.endsWith('\\') && completeShell(command)) {
      steps.push({ line: pending[0]!.line, command, expected: [], fails: false });
      pending = [];
    }
  }
  if (pending.length > 0) throw new Error(`README.md:${pending[0]!.line}: the command never ends (incomplete shell syntax)`);
  return steps;
}

function transcriptSteps(body: readonly NumberedLine[]): WalkthroughStep[] {
  const steps: WalkthroughStep[] = [];
  for (const entry of body) {
    if (entry.text.startsWith('$ ')) steps.push({ line: entry.line, command: entry.text.slice(2), expected: [], fails: false });
    else steps[steps.length - 1]?.expected.push(entry.text);
  }
  for (const step of steps) step.fails = failsAsShown(step.expected);
  return steps;
}

/** Whether bash reads `command` as complete statements (`bash -n` checks syntax without running anything; a line
 * ending in a backslash is continued, which `bash -n` alone cannot tell at the end of its input). */
function completeShell(command: string): boolean {
  return spawnSync('bash', ['-n'], { input: command }).status === 0;
}
