import { strict as assert } from 'node:assert';
import { approvalPolicySchema, defaultProductionApprovalPolicy, isReviewer } from '../../../core/approvals/approvalPolicy';

describe('approval policy', () => {
  it('accepts the production default', () => {
    assert.deepEqual(approvalPolicySchema.parse(defaultProductionApprovalPolicy), defaultProductionApprovalPolicy);
  });

  it('accepts role and user reviewers', () => {
    const policy = approvalPolicySchema.parse({ reviewers: ['role:admin', 'user:u-42'], required: 1, timeoutMinutes: 60 });
    assert.deepEqual(policy.reviewers, ['role:admin', 'user:u-42']);
  });

  for (const [label, body] of [
    ['an unknown role', { reviewers: ['role:owner'], required: 1, timeoutMinutes: 60 }],
    ['a bare name', { reviewers: ['alice'], required: 1, timeoutMinutes: 60 }],
    ['an empty user id', { reviewers: ['user:'], required: 1, timeoutMinutes: 60 }],
    ['no reviewers', { reviewers: [], required: 1, timeoutMinutes: 60 }],
    ['zero required', { reviewers: ['role:admin'], required: 0, timeoutMinutes: 60 }],
    ['a fractional count', { reviewers: ['role:admin'], required: 1.5, timeoutMinutes: 60 }],
    ['a zero timeout', { reviewers: ['role:admin'], required: 1, timeoutMinutes: 0 }],
    ['a missing timeout', { reviewers: ['role:admin'], required: 1 }],
  ] as const) {
    it(`refuses ${label} with a readable message`, () => {
      const result = approvalPolicySchema.safeParse(body);
      assert.equal(result.success, false);
      assert.ok(result.error.issues[0]?.message);
    });
  }

  it('a user is a reviewer through their role or their id', () => {
    const policy = { reviewers: ['role:maintainer', 'user:d7'], required: 1, timeoutMinutes: 60 };
    assert.ok(isReviewer({ id: 'm1', role: 'maintainer' }, policy));
    assert.ok(isReviewer({ id: 'd7', role: 'developer' }, policy));
    assert.ok(!isReviewer({ id: 'd8', role: 'developer' }, policy));
    assert.ok(!isReviewer({ id: 'a1', role: 'admin' }, policy), 'roles do not inherit reviewer rights');
  });
});
