import type { DryRun } from '../../core/api/release';
import { gatewayPlanLines } from '../environments/gatewayText';
import { OperationFailedError } from '../errors';
import type { Printed } from '../output/printed';
import { gateLines } from './releaseText';

/** The `--dry-run` of deploy, promote and rollback. */
export const dryRunOption = ['--dry-run', 'only evaluate the gates and show the artifact plan (exit 1 when a gate would refuse)'] as const;

/** A dry run's answer: each gate's verdict, the artifact plan and what would follow; exit 1 when a gate would refuse. */
export function dryRunReport(dryRun: DryRun): Printed {
  const { added, changed, removed } = dryRun.plan;
  const names = (entries: typeof added) => entries.map((entry) => `${entry.kind}/${entry.name}`).join(', ') || '—';
  return {
    data: dryRun,
    text: () =>
      `${gateLines(dryRun.gates)}plan: added ${names(added)}; changed ${names(changed)}; removed ${names(removed)}\n` +
      gatewayPlanLines(dryRun.gateways) +
      (dryRun.wouldPass ? `would pass${dryRun.needsApproval ? ', then wait for approval' : ''}\n` : 'would be refused\n'),
    failure: dryRun.wouldPass ? undefined : new OperationFailedError('dry run: the gates would refuse this release'),
  };
}
