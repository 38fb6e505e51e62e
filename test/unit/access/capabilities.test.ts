import { strict as assert } from 'node:assert';
import { capabilityContextValue, environmentCapabilities } from '../../../core/access/capabilities';
import { defaultProductionApprovalPolicy } from '../../../core/approvals/approvalPolicy';

describe('environment capabilities', () => {
  const production = { tier: 'production' as const, approvalPolicy: defaultProductionApprovalPolicy };
  const staging = { tier: 'staging' as const };

  it('a maintainer may approve production but not deploy, promote or roll it back', () => {
    assert.deepEqual(environmentCapabilities({ id: 'm1', role: 'maintainer' }, production), {
      canDeploy: false,
      canPromote: false,
      canRollback: false,
      canApprove: true,
      canConfigure: false,
    });
  });

  it('an admin may do everything to production', () => {
    const flags = environmentCapabilities({ id: 'a1', role: 'admin' }, production);
    assert.ok(Object.values(flags).every(Boolean));
  });

  it('a developer may not approve production unless named as a user reviewer', () => {
    assert.equal(environmentCapabilities({ id: 'd1', role: 'developer' }, production).canApprove, false);
    const named = { ...production, approvalPolicy: { ...defaultProductionApprovalPolicy, reviewers: ['user:d1'] } };
    assert.equal(environmentCapabilities({ id: 'd1', role: 'developer' }, named).canApprove, true);
  });

  it('rollback and promote follow the deploy right of the target environment', () => {
    const maintainer = environmentCapabilities({ id: 'm1', role: 'maintainer' }, staging);
    assert.equal(maintainer.canRollback, true);
    assert.equal(maintainer.canPromote, true);
    const developer = environmentCapabilities({ id: 'd1', role: 'developer' }, staging);
    assert.equal(developer.canRollback, false);
    assert.equal(developer.canPromote, false);
    assert.equal(developer.canApprove, false, 'no policy, no approving');
  });

  it('builds a contextValue with one +flag per capability granted', () => {
    const flags = environmentCapabilities({ id: 'm1', role: 'maintainer' }, staging);
    assert.equal(capabilityContextValue('forge:environment', flags), 'forge:environment+canDeploy+canPromote+canRollback');
    const none = environmentCapabilities({ id: 'd1', role: 'developer' }, production);
    assert.equal(capabilityContextValue('forge:environment', none), 'forge:environment');
  });
});
