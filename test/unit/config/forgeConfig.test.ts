import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createArtifactClassifier } from '../../../core/config/artifactClassifier';
import { defaultArtifactGlobs, type ForgeConfig } from '../../../core/config/forgeConfig';
import { parseForgeConfig } from '../../../core/config/parseForgeConfig';

function parsed(text: string | undefined): ForgeConfig {
  const result = parseForgeConfig(text);
  assert.ok(result.ok, JSON.stringify(result));
  return result.config;
}

function problems(text: string): string[] {
  const result = parseForgeConfig(text);
  assert.equal(result.ok, false);
  return result.ok ? [] : result.problems;
}

describe('forge.json', () => {
  it('an absent file gives the default globs and the seed environment chain', () => {
    const config = parsed(undefined);
    assert.deepEqual(config.artifacts, { workflow: ['workflows/*.json'], agent: ['agents/*.json'], processor: ['processors/*.json'] });
    assert.deepEqual(config.environments, [
      { name: 'development', tier: 'development', purpose: 'Feature testing, experimentation', stability: 'Unstable', dataClass: 'Synthetic test data' },
      { name: 'staging', tier: 'staging', purpose: 'Pre-production validation', stability: 'Stable', dataClass: 'Production-like data' },
      { name: 'production', tier: 'production', purpose: 'Live user-facing workflows', stability: 'Highly stable', dataClass: 'Real customer data' },
    ]);
    assert.deepEqual(parsed('{}'), config);
  });

  it("the example repository's forge.json spells out the defaults", () => {
    const text = readFileSync(join(__dirname, '../../../examples/claims-repo/forge.json'), 'utf8');
    assert.deepEqual(parsed(text), parsed(undefined));
  });

  it('fills in what a partial file leaves out; a single glob may be a string', () => {
    const config = parsed('{"artifacts": {"workflow": "flows/**/*.json"}}');
    assert.deepEqual(config.artifacts.workflow, ['flows/**/*.json']);
    assert.deepEqual(config.artifacts.agent, defaultArtifactGlobs.agent);
    assert.equal(config.environments.length, 3);
  });

  it('an environment without a tier takes its name when that is a tier, else its place in the chain', () => {
    const config = parsed('{"environments": [{"name": "dev"}, {"name": "qa"}, {"name": "uat", "tier": "staging"}, {"name": "production"}]}');
    assert.deepEqual(
      config.environments.map((e) => [e.name, e.tier]),
      [
        ['dev', 'development'],
        ['qa', 'staging'],
        ['uat', 'staging'],
        ['production', 'production'],
      ],
    );
    assert.deepEqual(
      parsed('{"environments": [{"name": "staging"}]}').environments.map((e) => e.tier),
      ['staging'],
    );
  });

  it('accepts comments and trailing commas', () => {
    assert.deepEqual(
      parsed('// chain\n{"environments": [{"name": "dev",},],}').environments.map((e) => e.name),
      ['dev'],
    );
  });

  it('reports invalid JSON with line and column', () => {
    assert.match(problems('{\n  "environments": [}\n')[0] ?? '', /invalid JSON at line 2, column 20: ValueExpected/);
  });

  it('reports every schema problem with the offending key', () => {
    const found = problems('{"artifacts": {"agent": 3}, "environments": [{"name": "Prod"}, {"name": "qa", "tier": "live"}]}');
    assert.ok(
      found.some((p) => /^artifacts\.agent: expected a glob or a non-empty list of globs/.test(p)),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => /^environments\.0\.name: lower-case/.test(p)),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => /^environments\.1\.tier:/.test(p)),
      found.join('\n'),
    );
  });

  it('refuses an environment named twice', () => {
    assert.deepEqual(problems('{"environments": [{"name": "qa"}, {"name": "prod"}, {"name": "qa"}]}'), ['environments.2.name: duplicate environment "qa"']);
  });

  it('refuses an empty environment chain', () => {
    assert.match(problems('{"environments": []}')[0] ?? '', /^environments:/);
  });
});

describe('createArtifactClassifier', () => {
  it('classifies repository paths by the default globs', () => {
    const classify = createArtifactClassifier(parsed(undefined).artifacts);
    assert.equal(classify('workflows/claims-intake.json'), 'workflow');
    assert.equal(classify('agents/fraud-analyst.json'), 'agent');
    assert.equal(classify('processors/claim-form-extractor.json'), 'processor');
    assert.equal(classify('./workflows/a.json'), 'workflow');
    assert.equal(classify('workflows\\a.json'), 'workflow');
    assert.equal(classify('workflows/nested/a.json'), undefined);
    assert.equal(classify('workflows/a.yaml'), undefined);
    assert.equal(classify('forge.json'), undefined);
    assert.equal(classify('docs/agents/a.json'), undefined);
  });

  it('follows configured globs, first kind winning on overlap', () => {
    const classify = createArtifactClassifier(parsed('{"artifacts": {"workflow": ["flows/**/*.json"], "agent": ["flows/agents/*.json", "bots/*.jsonc"]}}').artifacts);
    assert.equal(classify('flows/claims/intake.json'), 'workflow');
    assert.equal(classify('flows/agents/a.json'), 'workflow');
    assert.equal(classify('bots/a.jsonc'), 'agent');
    assert.equal(classify('workflows/a.json'), undefined);
  });
});
