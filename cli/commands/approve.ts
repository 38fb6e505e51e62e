import { Option, type Command } from 'commander';
import type { Approval } from '../../core/api/approval';
import { approvalProcessStates } from '../../core/approvals/decideApproval';
import { examplesHelp } from '../output/helpExamples';
import { positiveInteger } from '../output/positiveInteger';
import { printJson } from '../output/printJson';
import { formatTable } from '../output/table';
import { connect, withConnectionOptions, type ConnectionOptions } from '../service/serviceConnection';

interface DecideOptions extends ConnectionOptions {
  comment?: string;
  json?: boolean;
}

interface ListOptions extends ConnectionOptions {
  status: Approval['state'];
  env?: string;
  limit: number;
  json?: boolean;
}

/** `forge-release approve|reject <release-id> [--comment]` and `forge-release approvals list`. */
export function registerApprovalCommands(program: Command): void {
  for (const decision of ['approve', 'reject'] as const) {
    withConnectionOptions(
      program
        .command(decision)
        .description(decision === 'approve'
          ? 'approve a release waiting for reviewers (enough approvals start it)'
          : 'reject a release waiting for reviewers (it fails at once)')
        .argument('<release-id>', 'the release, as `deploy`, `promote` or `approvals list` show it')
        .option('--comment <text>', 'a note kept with the decision and in the audit log')
        .option('--json', 'print the approval process after the decision as JSON'),
    )
      .addHelpText('after', examplesHelp(['approvals list', `${decision} 6f1c2d3e-… --comment "${decision === 'approve' ? 'smoke tests look good' : 'the fraud threshold is wrong'}"`]))
      .action(async (releaseId: string, options: DecideOptions) => {
        const approval = await connect(options).decideApproval(releaseId, { decision, ...(options.comment ? { comment: options.comment } : {}) });
        if (options.json) return printJson(approval);
        process.stdout.write(`${decision === 'approve' ? 'approved' : 'rejected'} release ${releaseId} (${approval.version} → ${approval.environment}): ${approval.approvals} of ${approval.required} approvals, ${approval.state}\n`);
      });
  }

  const approvals = program.command('approvals').description('releases waiting for (or decided by) reviewers');
  withConnectionOptions(
    approvals
      .command('list')
      .description('list approval processes, newest first, with their progress and deadline')
      .addOption(new Option('--status <state>', 'which ones').choices(approvalProcessStates).default('waiting'))
      .option('--env <name>', 'only this environment')
      .option('--limit <n>', 'how many (1–500)', positiveInteger, 50)
      .option('--json', 'print the page of approvals as JSON ({items, nextCursor})'),
  ).addHelpText('after', examplesHelp(['approvals list', 'approvals list --status expired --env production --json']))
    .action(async (options: ListOptions) => {
    const page = await connect(options).listApprovals({ status: options.status, limit: options.limit, ...(options.env ? { environment: options.env } : {}) });
    if (options.json) return printJson(page);
    process.stdout.write(formatTable(
      ['RELEASE', 'VERSION', 'ENVIRONMENT', 'REQUESTED BY', 'APPROVALS', 'STATE', 'EXPIRES AT', 'YOU'],
      page.items.map((a) => [a.releaseId, a.version, a.environment, a.requestedBy, `${a.approvals} of ${a.required}`, a.state, a.expiresAt,
        a.canDecide ? 'may decide' : (a.refusal ?? '')]),
      `no ${options.status} approvals`,
    ));
  });
}
