import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitIn } from '../git/gitRepositoryFixture';
import { nodeOf } from '../unit/diff/exampleSnapshot';
import { editJson } from './editJson';
import { ExampleCopies, runCli } from './runCli';

// GitHub's workflow-command syntax for an annotation, every property escaped (no raw `,` or `:` inside values).
const githubAnnotation = /^::(error|warning) file=[^,:\r\n]+,line=[1-9]\d*,col=[1-9]\d*,endLine=[1-9]\d*,endColumn=[1-9]\d*,title=[a-z-]+::[^\r\n]+$/;

describe('forge-release validate', () => {
  const copies = new ExampleCopies();
  after(() => copies.cleanup());

  /** A copy of the example where claims-intake's `merge` also waits for `publish`: merge → publish → merge. */
  function copyWithCycle(): string {
    const folder = copies.copy();
    editJson(join(folder, 'workflows/claims-intake.json'), (workflow) => nodeOf(workflow, 'merge').dependencies.push('publish'));
    return folder;
  }

  /** A copy of the example where the MERGER `decide` of claims-fraud-review has a single input (a warning only). */
  function copyWithWarning(): string {
    const folder = copies.copy();
    editJson(join(folder, 'workflows/claims-fraud-review.json'), (workflow) => {
      nodeOf(workflow, 'decide').dependencies = ['auto_clear'];
      nodeOf(workflow, 'record_decision').dependencies.push('investigator_review');
    });
    return folder;
  }

  it('passes the example repository: exit 0, every file checked', async () => {
    const run = await runCli(['validate', 'examples/claims-repo']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '7 files checked: 0 errors, 0 warnings\n');
    assert.equal(run.stderr, '');
  });

  it("validates the current repository's artifact files when given no paths", async () => {
    const folder = copies.copy();
    const run = await runCli(['validate', '--format', 'json'], folder);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.files.map((file: { file: string }) => file.file),
      [
        'agents/claims-correspondent.json',
        'agents/fraud-analyst.json',
        'processors/claim-form-classifier.json',
        'processors/claim-form-extractor.json',
        'workflows/claims-correspondence.json',
        'workflows/claims-fraud-review.json',
        'workflows/claims-intake.json',
      ],
    );
  });

  it('exits 1 on a dependency cycle and prints the cycle path at the offending dependency', async () => {
    const folder = copyWithCycle();
    const run = await runCli(['validate'], folder);
    assert.equal(run.code, 1);
    const line = run.stdout.split('\n').find((text) => text.includes(' error cycle '));
    assert.ok(line, run.stdout);
    const match = /^workflows\/claims-intake\.json:(\d+):(\d+) error cycle .*merge → publish → merge/.exec(line);
    assert.ok(match, line);
    const source = readFileSync(join(folder, 'workflows/claims-intake.json'), 'utf8').split('\n');
    const at = source[Number(match[1]) - 1]?.slice(Number(match[2]) - 1);
    assert.ok(at?.startsWith('"publish"'), `the position points at ${at}`);
    assert.match(run.stderr, /^forge-release: validation failed: 2 errors, 0 warnings\n$/);
  });

  it('--format github prints one annotation per finding in GitHub syntax', async () => {
    const folder = copyWithCycle();
    const run = await runCli(['validate', '--format', 'github'], folder);
    assert.equal(run.code, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 2);
    for (const line of lines) assert.match(line, githubAnnotation);
    assert.ok(
      lines.some((line) => line.startsWith('::error file=workflows/claims-intake.json,') && line.includes(',title=cycle::dependency cycle: merge → publish → merge')),
    );
  });

  it('--format github escapes %, line breaks, and : and , in properties', async () => {
    const folder = copies.copy();
    const odd = 'workflows/a,b:c.json';
    writeFileSync(join(folder, odd), '{"kind": "workflow", "name": "odd-one", "spec": {"plan": {"nodes": [}}}');
    const run = await runCli(['validate', '--format', 'github', odd], folder);
    assert.equal(run.code, 1);
    const [line] = run.stdout.trimEnd().split('\n');
    assert.match(line ?? '', githubAnnotation);
    assert.ok(line?.startsWith('::error file=workflows/a%2Cb%3Ac.json,'), line);
  });

  it('--format github names files from the git root, wherever in the repository it runs', async () => {
    const monorepo = copies.empty();
    await gitIn(monorepo).init();
    const claims = join(monorepo, 'platform/claims');
    mkdirSync(claims, { recursive: true });
    cpSync(copyWithCycle(), claims, { recursive: true });
    const run = await runCli(['validate', '--format', 'github'], join(claims, 'workflows'));
    assert.equal(run.code, 1, run.stderr);
    const files = new Set(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => /file=([^,]+),/.exec(line)?.[1]),
    );
    assert.deepEqual([...files], ['platform/claims/workflows/claims-intake.json']);
    // The text format keeps naming files from where it runs.
    const text = await runCli(['validate'], claims);
    assert.match(text.stdout, /^workflows\/claims-intake\.json:\d+:\d+ error cycle /m);
  });

  it('--format github prints one notice when nothing was found, so the job log says what was checked', async () => {
    const run = await runCli(['validate', '--format', 'github', 'examples/claims-repo']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '::notice::7 files checked: no errors or warnings\n');
  });

  it('one JSON syntax mistake is one diagnostic, and an empty file is called empty', async () => {
    const folder = copies.copy();
    const intake = readFileSync(join(folder, 'workflows/claims-intake.json'), 'utf8');
    // A closing quote lost in the description: the parser's recovery would report the rest of the file.
    writeFileSync(join(folder, 'workflows/claims-intake.json'), intake.replace(/("description": "[^"]*)"/, '$1'));
    writeFileSync(join(folder, 'agents/empty.json'), '\n');
    const run = await runCli(['validate', 'workflows/claims-intake.json', 'agents/empty.json'], folder);
    assert.equal(run.code, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((line) => line.replace(/:\d+:\d+ /, ':L:C ').replace(/(invalid-json) .*/, '$1')),
      ['agents/empty.json:L:C error invalid-json', 'workflows/claims-intake.json:L:C error invalid-json', '2 files checked: 2 errors, 0 warnings'],
    );
    assert.equal(lines[0], 'agents/empty.json:1:1 error invalid-json empty file: an artifact is a JSON object');
  });

  it('--json prints the same report as --format json', async () => {
    const folder = copyWithCycle();
    const json = await runCli(['validate', '--json'], folder);
    const format = await runCli(['validate', '--format', 'json'], folder);
    assert.equal(json.code, 1);
    assert.equal(json.stdout, format.stdout);
    assert.deepEqual(Object.keys(JSON.parse(json.stdout)), ['files', 'errors', 'warnings']);
    assert.equal(json.stderr, format.stderr);
  });

  it('--format json has the documented shape with 1-based positions', async () => {
    const folder = copyWithCycle();
    const run = await runCli(['validate', '--format', 'json', 'workflows/claims-intake.json'], folder);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(report), ['files', 'errors', 'warnings']);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].file, 'workflows/claims-intake.json');
    assert.equal(report.errors, report.files[0].diagnostics.length);
    const cycle = report.files[0].diagnostics.find((d: { code: string }) => d.code === 'cycle');
    assert.deepEqual(Object.keys(cycle), ['code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
    assert.equal(cycle.severity, 'error');
    assert.equal(cycle.endLine, cycle.line);
    assert.equal(cycle.endColumn - cycle.column, '"publish"'.length);
  });

  it('warnings alone pass, and fail with --fail-on-warnings', async () => {
    const folder = copyWithWarning();
    const lenient = await runCli(['validate'], folder);
    assert.equal(lenient.code, 0, lenient.stdout + lenient.stderr);
    assert.match(lenient.stdout, /^workflows\/claims-fraud-review\.json:\d+:\d+ warning merger-single-input /m);
    assert.match(lenient.stdout, /0 errors, 1 warning\n$/);
    const strict = await runCli(['validate', '--fail-on-warnings'], folder);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /validation failed: 0 errors, 1 warning/);
  });

  it('resolves references across files when a folder is validated, and reports an agent that is gone', async () => {
    const folder = copies.copy();
    rmSync(join(folder, 'agents/fraud-analyst.json'));
    const run = await runCli(['validate', '--format', 'json', '.'], folder);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    const findings = report.files.flatMap((file: { file: string; diagnostics: Array<{ code: string; message: string }> }) =>
      file.diagnostics.map((d) => `${file.file} ${d.code} ${d.message}`),
    );
    assert.equal(findings.length, 1, findings.join('\n'));
    assert.match(findings[0], /^workflows\/claims-fraud-review\.json unresolved-reference .*fraud-analyst/);
  });

  it('validating one file still sees the rest of its repository (no false unresolved references)', async () => {
    const run = await runCli(['validate', 'examples/claims-repo/workflows/claims-fraud-review.json']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, '1 file checked: 0 errors, 0 warnings\n');
  });

  it('validating a sub-folder reports only the files under it', async () => {
    const run = await runCli(['validate', '--format', 'json', 'examples/claims-repo/agents']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      JSON.parse(run.stdout).files.map((file: { file: string }) => file.file),
      ['examples/claims-repo/agents/claims-correspondent.json', 'examples/claims-repo/agents/fraud-analyst.json'],
    );
  });

  describe('usage and I/O errors exit 2 with one line on stderr', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['a missing path', ['validate', 'examples/no-such-repo'], /^forge-release: examples\/no-such-repo: no such file or directory\n$/],
      [
        'an unknown format',
        ['validate', '--format', 'xml', 'examples/claims-repo'],
        /^forge-release: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, json, github\.\n$/,
      ],
      ['an unknown option', ['validate', '--strict'], /^forge-release: unknown option '--strict'\n$/],
      [
        'a folder without artifacts',
        ['validate', 'core'],
        /^forge-release: no artifact files in core \(looked for workflows\/\*\.json, agents\/\*\.json, processors\/\*\.json\)\n$/,
      ],
    ];
    for (const [what, args, stderr] of cases) {
      it(what, async () => {
        const run = await runCli(args);
        assert.equal(run.code, 2);
        assert.match(run.stderr, stderr);
        assert.equal(run.stdout, '');
      });
    }

    it('an invalid forge.json', async () => {
      const folder = copies.copy();
      writeFileSync(join(folder, 'forge.json'), '{"environments": [{"name": "Prod"}]}');
      const run = await runCli(['validate'], folder);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^forge-release: .*forge\.json is not a valid configuration: environments\.0\.name: lower-case letters/);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1);
    });

    it('an unreadable file', async () => {
      const folder = copies.copy();
      symlinkSync(join(folder, 'nowhere.json'), join(folder, 'workflows/dangling.json'));
      const run = await runCli(['validate', 'workflows/dangling.json'], folder);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^forge-release: workflows\/dangling\.json: no such file or directory\n$/);
    });
  });

  it("reports the new warnings on Marie-AI's own plans as clearly as the rest: the shadowed path with the paths it hides", async () => {
    const folder = copies.copy();
    const plans = join(__dirname, '..', '..', '..', 'shared', 'marie-plans');
    for (const file of ['mock-branch-simple.json', 'mock-hitl-complete-workflow.json']) {
      writeFileSync(join(folder, 'workflows', file), readFileSync(join(plans, file), 'utf8'));
    }
    const run = await runCli(['validate', 'workflows/mock-branch-simple.json', 'workflows/mock-hitl-complete-workflow.json'], folder);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const source = readFileSync(join(folder, 'workflows/mock-branch-simple.json'), 'utf8').split('\n');
    const lineOf = (needle: string) => source.findIndex((line) => line.includes(needle)) + 1;
    const columnOf = (needle: string) => (source[lineOf(needle) - 1] ?? '').indexOf(needle) + 1;
    const at = (needle: string) => `workflows/mock-branch-simple.json:${lineOf(needle)}:${columnOf(needle)}`;
    const lines = run.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      `${at('"other_path"')} warning branch-path-shadowed path "other_path" has no condition, so it always matches; with priority 3 it is tried before "contract_path", "invoice_path" (highest priority first), which under first_match can never be chosen: give it the lowest priority`,
      `  ${at('"contract_path"')} path "contract_path" (priority 2) is never reached: "other_path" matches first`,
      `  ${at('"invoice_path"')} path "invoice_path" (priority 1) is never reached: "other_path" matches first`,
    ]);
    assert.match(
      lines[3] ?? '',
      /^workflows\/mock-hitl-complete-workflow\.json:\d+:\d+ warning merger-without-strategy MERGER "01930d8c-0000-7000-8000-00000000000b" runs NOOP, which has no merge strategy/,
    );
    assert.deepEqual(lines.slice(4), ['2 files checked: 0 errors, 2 warnings', '']);
    const github = await runCli(['validate', '--format', 'github', 'workflows/mock-branch-simple.json'], folder);
    assert.match(
      github.stdout,
      new RegExp(
        `^::warning file=workflows/mock-branch-simple\\.json,line=${lineOf('"other_path"')},col=${columnOf('"other_path"')},endLine=\\d+,endColumn=\\d+,title=branch-path-shadowed::path "other_path" has no condition`,
      ),
    );
  });
});
