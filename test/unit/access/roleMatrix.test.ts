import { strict as assert } from 'node:assert';
import { can, canDeployTo, defaultDeployRole, roleMatrix, tiers, type Action, type Tier } from '../../../core/access/roleMatrix';
import { isAtLeast, isRole, roles, type Role } from '../../../core/access/roles';

// The seed's access-control table, verbatim; every cell is checked against the matrix.
const seedTable = `
| Role | Pull Requests | Create Versions | Deploy to Dev | Deploy to Staging | Deploy to Production |
|---|---|---|---|---|---|
| Developer | ✓ | ✗ | ✓ | ✗ | ✗ |
| Maintainer | ✓ | ✓ | ✓ | ✓ | ✗ |
| Admin | ✓ | ✓ | ✓ | ✓ | ✓ |`;

const seedColumns: Action[] = ['pull-requests', 'create-version', 'deploy-development', 'deploy-staging', 'deploy-production'];

const seedCells = seedTable
  .trim()
  .split('\n')
  .slice(2)
  .flatMap((line) => {
    const [roleCell, ...marks] = line
      .split('|')
      .map((cell) => cell.trim())
      .filter(Boolean);
    const role = roleCell?.toLowerCase() as Role;
    return marks.map((mark, column) => ({ role, action: seedColumns[column] as Action, allowed: mark === '✓' }));
  });

describe('role matrix', () => {
  it('reads 15 cells from the seed table', () => {
    assert.equal(seedCells.length, 15);
    assert.deepEqual([...new Set(seedCells.map((cell) => cell.role))], [...roles]);
  });

  for (const { role, action, allowed } of seedCells) {
    it(`${role} ${allowed ? 'may' : 'may not'} ${action} (seed table)`, () => {
      assert.equal(can(role, action), allowed);
    });
  }

  const tierColumns: Record<Tier, Action> = {
    development: 'deploy-development',
    staging: 'deploy-staging',
    production: 'deploy-production',
  };
  for (const { role, action, allowed } of seedCells.filter((cell) => cell.action.startsWith('deploy-'))) {
    const tier = tiers.find((candidate) => tierColumns[candidate] === action) as Tier;
    it(`canDeployTo: ${role} → ${tier} environment is ${allowed}`, () => {
      assert.equal(canDeployTo(role, { tier }), allowed);
      assert.equal(canDeployTo(role, { tier, deployRole: null }), allowed);
    });
  }

  it('management actions are admin only', () => {
    for (const action of ['manage-users', 'manage-environments', 'manage-secrets'] as const) {
      assert.deepEqual(
        roles.filter((role) => can(role, action)),
        ['admin'],
        action,
      );
    }
  });

  it('audit and reports are for maintainers and admins; reading is for everyone', () => {
    assert.deepEqual(
      roles.filter((role) => can(role, 'read-audit')),
      ['maintainer', 'admin'],
    );
    assert.deepEqual(
      roles.filter((role) => can(role, 'read-reports')),
      ['maintainer', 'admin'],
    );
    assert.deepEqual(
      roles.filter((role) => can(role, 'read')),
      [...roles],
    );
  });

  it('lists each role in a row at most once and only known roles', () => {
    for (const [action, allowed] of Object.entries(roleMatrix)) {
      assert.equal(new Set(allowed).size, allowed.length, action);
      assert.ok(allowed.every(isRole), action);
    }
  });

  it('default deploy role is the least privileged role of the tier column', () => {
    assert.equal(defaultDeployRole('development'), 'developer');
    assert.equal(defaultDeployRole('staging'), 'maintainer');
    assert.equal(defaultDeployRole('production'), 'admin');
  });

  it('an environment deployRole overrides the tier default as a minimum role', () => {
    const strictStaging = { tier: 'staging' as const, deployRole: 'admin' as const };
    assert.deepEqual(
      roles.filter((role) => canDeployTo(role, strictStaging)),
      ['admin'],
    );
    const openProduction = { tier: 'production' as const, deployRole: 'maintainer' as const };
    assert.deepEqual(
      roles.filter((role) => canDeployTo(role, openProduction)),
      ['maintainer', 'admin'],
    );
    const openStaging = { tier: 'staging' as const, deployRole: 'developer' as const };
    assert.deepEqual(
      roles.filter((role) => canDeployTo(role, openStaging)),
      [...roles],
    );
  });

  it('orders roles and recognises role names', () => {
    assert.ok(isAtLeast('admin', 'maintainer'));
    assert.ok(isAtLeast('maintainer', 'maintainer'));
    assert.ok(!isAtLeast('developer', 'maintainer'));
    assert.ok(isRole('developer'));
    assert.ok(!isRole('root'));
    assert.ok(!isRole(undefined));
  });
});
