import assert from 'node:assert/strict';
import { overallSyncState } from '../../../core/api/gatewaySync';
import { forgePlanners, isForgePlanner, isPublishedAs } from '../../../server/gateways/marie/forgePlanners';
import type { PlannerMetadata } from '../../../server/gateways/marie/marieRegistry';

const plan = { nodes: [{ task_id: 'start', definition: { method: 'NOOP' } }] };
const artifact = (kind: string, name: string, envelope: Record<string, unknown>) => ({
  kind,
  name,
  path: `${kind}s/${name}.json`,
  hash: 'h',
  content: JSON.stringify({ kind, name, ...envelope }),
});

describe('Forge planners on a Marie-AI gateway', () => {
  it("registers each workflow under its own name at the tag, with its tags and Forge's; reserved tags of its own are dropped", () => {
    const planners = forgePlanners('staging', 'v2.0.0', [
      artifact('workflow', 'intake', {
        description: 'Intake',
        category: 'claims',
        tags: ['claims', 'forge', 'forge-env:production', 'forge-version:v9'],
        spec: { plan },
      }),
      artifact('agent', 'analyst', { spec: {} }),
    ]);
    assert.deepEqual(planners, [
      {
        name: 'intake',
        version: 'v2.0.0',
        description: 'Intake',
        category: 'claims',
        plan,
        tags: ['claims', 'forge', 'forge-env:staging', 'forge-version:v2.0.0'],
      },
    ]);
    assert.deepEqual(forgePlanners('staging', null, [artifact('workflow', 'intake', { spec: { plan } })]), []);
    const bare = forgePlanners('staging', 'v1', [artifact('workflow', 'bare', { description: null, category: '  ', spec: { plan } })])[0]!;
    assert.deepEqual([bare.description, bare.category], [undefined, undefined]);
  });

  it("tells Forge's planners of an environment apart, and compares the version and the plan whatever the key order", () => {
    const [wanted] = forgePlanners('staging', 'v2.0.0', [artifact('workflow', 'intake', { spec: { plan } })]);
    const registered = (overrides: Partial<PlannerMetadata>): PlannerMetadata => ({
      name: 'intake',
      version: 'v2.0.0',
      tags: ['forge', 'forge-env:staging', 'forge-version:v2.0.0'],
      source_type: 'json',
      plan_definition: { nodes: [{ definition: { method: 'NOOP' }, task_id: 'start' }] },
      ...overrides,
    });
    assert.equal(isForgePlanner(registered({}), 'staging'), true);
    assert.equal(isForgePlanner(registered({}), 'production'), false);
    assert.equal(isForgePlanner(registered({ tags: ['builtin'], source_type: 'code' }), 'staging'), false);
    assert.equal(isPublishedAs(registered({}), wanted!), true);
    assert.equal(isPublishedAs(registered({ version: 'v1.0.0' }), wanted!), false);
    assert.equal(isPublishedAs(registered({ plan_definition: { nodes: [] } }), wanted!), false);
  });

  it('gives an environment the worst state of its gateways, in sync with none', () => {
    assert.equal(overallSyncState([]), 'in-sync');
    assert.equal(overallSyncState([{ state: 'in-sync' }, { state: 'unknown' }]), 'unknown');
    assert.equal(overallSyncState([{ state: 'drifted' }, { state: 'unknown' }]), 'drifted');
    assert.equal(overallSyncState([{ state: 'drifted' }, { state: 'unreachable' }, { state: 'in-sync' }]), 'unreachable');
  });
});
