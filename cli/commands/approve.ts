import { Option } from 'commander';
import type { Approval } from '../../core/api/approval';
import { approvalProcessStates } from '../../core/approvals/decideApproval';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

interface DecideOptions extends ConnectionOptions {
  comment?: string;
}

interface ListOptions extends ConnectionOptions {
  status: Approval['state'];
  env?: string;
  limit: number;
}

/** `forge-release approve|reject <release-id> [--comment]` and `forge-release approvals list`. */
export function registerApprovalCommands(program: ForgeCommand): void {
  for (const decision of ['approve', 'reject'] as const) {
    withConnectionOptions(
      program
        .command(decision)
        .description(
          decision === 'approve' ? 'approve a release waiting for reviewers (enough approvals start it)' : 'reject a release waiting for reviewers (it fails at once)',
        )
        .argument('<release-id>', 'the release, as `deploy`, `promote` or `approvals list` show it')
        .option('--comment <text>', 'a note kept with the decision and in the audit log'),
    )
      .addHelpText(
        'after',
        examplesHelp(['approvals list', `${decision} 6f1c2d3e-… --comment "${decision === 'approve' ? 'smoke tests look good' : 'the fraud threshold is wrong'}"`]),
      )
      .prints('the approval process after the decision', async (releaseId: string, options: DecideOptions) => {
        const approval = await connect(options).decideApproval(releaseId, { decision, ...(options.comment ? { comment: options.comment } : {}) });
        return {
          data: approval,
          text: () =>
            `${decision === 'approve' ? 'approved' : 'rejected'} release ${releaseId} (${approval.version} → ${approval.environment}): ${approval.approvals} of ${approval.required} approvals, ${approval.state}\n`,
        };
      });
  }

  const approvals = program.command('approvals').description('releases waiting for (or decided by) reviewers');
  withConnectionOptions(
    approvals
      .command('list')
      .description('list approval processes, newest first, with their progress and deadline')
      .addOption(new Option('--status <state>', 'which ones').choices(approvalProcessStates).default('waiting'))
      .option('--env <name>', 'only this environment')
      .option('--limit <n>', 'how many (1–500)', positiveInteger, 50),
  )
    .addHelpText('after', examplesHelp(['approvals list', 'approvals list --status expired --env production --json']))
    .prints('the page of approvals ({items, nextCursor})', async (options: ListOptions) => {
      const page = await connect(options).listApprovals({ status: options.status, limit: options.limit, ...(options.env ? { environment: options.env } : {}) });
      return {
        data: page,
        text: () =>
          formatTable(
            ['RELEASE', 'VERSION', 'ENVIRONMENT', 'REQUESTED BY', 'APPROVALS', 'STATE', 'EXPIRES AT', 'YOU'],
            page.items.map((a) => [
              a.releaseId,
              a.version,
              a.environment,
              a.requestedBy,
              `${a.approvals} of ${a.required}`,
              a.state,
              a.expiresAt,
              a.canDecide ? 'may decide' : (a.refusal ?? ''),
            ]),
            `no ${options.status} approvals`,
          ),
      };
    });
}
