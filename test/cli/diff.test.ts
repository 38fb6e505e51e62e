import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeOf } from '../unit/diff/exampleSnapshot';
import { editJson } from './editJson';
import { ExampleCopies, exampleRepository, runCli } from './runCli';

describe('forge-release diff', () => {
  const copies = new ExampleCopies();
  after(() => copies.cleanup());

  it('prints each change with its artifact, JSON path, description and bump, then the inferred bump', async () => {
    const next = copies.copy();
    editJson(join(next, 'workflows/claims-intake.json'), (workflow) => {
      nodeOf(workflow, 'merge').dependencies = ['extract_medical'];
      workflow.description = 'Intake of claim forms';
    });
    const run = await runCli(['diff', exampleRepository, next]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'workflow/claims-intake (workflows/claims-intake.json)',
        '  patch  description: description changed from "Classify incoming claim forms, extract their fields and p…" to "Intake of claim forms"',
        '  major  spec.plan.nodes[merge].dependencies: dependency on "extract_generic" removed',
        'inferred bump: major (2 changes)',
        '',
      ].join('\n'),
    );
  });

  it('--json prints the changes and the inferred bump', async () => {
    const next = copies.copy();
    editJson(join(next, 'agents/fraud-analyst.json'), (agent) => agent.spec.tools.push({ name: 'provider_registry' }));
    writeFileSync(
      join(next, 'workflows/claims-archive.json'),
      JSON.stringify({ kind: 'workflow', name: 'claims-archive', spec: { plan: { nodes: [{ task_id: 'start', query_str: 'start', definition: { method: 'NOOP' } }] } } }),
    );
    const run = await runCli(['diff', '--json', exampleRepository, next]);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.inferredBump, 'minor');
    assert.equal(result.previous, exampleRepository);
    assert.equal(result.next, next);
    assert.deepEqual(result.changes, [
      { kind: 'workflow', name: 'claims-archive', file: 'workflows/claims-archive.json', path: '', change: 'workflow "claims-archive" added', bump: 'minor' },
      {
        kind: 'agent',
        name: 'fraud-analyst',
        file: 'agents/fraud-analyst.json',
        path: 'spec.tools[provider_registry]',
        change: 'tool "provider_registry" added',
        bump: 'minor',
      },
    ]);
  });

  it('a removed artifact makes the bump major; identical folders make none', async () => {
    const next = copies.copy();
    rmSync(join(next, 'processors/claim-form-classifier.json'));
    const removed = await runCli(['diff', exampleRepository, next]);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(
      removed.stdout,
      /^processor\/claim-form-classifier \(processors\/claim-form-classifier\.json\)\n {2}major {2}processor "claim-form-classifier" removed\ninferred bump: major \(1 change\)\n$/,
    );

    const same = await runCli(['diff', exampleRepository, copies.copy()]);
    assert.equal(same.stdout, 'no changes\ninferred bump: none (0 changes)\n');
  });

  it('a missing folder exits 2 with one line', async () => {
    const run = await runCli(['diff', exampleRepository, 'no/such/folder']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'forge-release: no/such/folder: no such file or directory\n');
    assert.equal(run.stdout, '');
  });

  it('a file instead of a folder exits 2', async () => {
    const run = await runCli(['diff', exampleRepository, 'package.json']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'forge-release: package.json: not a folder\n');
  });

  it('a missing argument exits 2', async () => {
    const run = await runCli(['diff', exampleRepository]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "forge-release: missing required argument 'next'\n");
  });
});
