import { Argument } from 'commander';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { examplesHelp } from '../output/helpExamples';
import { connect, withConnectionOptions } from '../service/serviceConnection';

interface ReportOptions {
  serverUrl: string;
  token?: string;
  summary?: string;
  url?: string;
}

/** `forge-release check report <version> <name> success|failure [--summary] [--url]`. */
export function registerCheckCommand(program: ForgeCommand): void {
  const check = program.command('check').description('report the result of a check (e.g. smoke tests) for a version');
  withConnectionOptions(
    check
      .command('report')
      .description('record a check result; the required-checks gate reads the latest report of each named check')
      .argument('<version>', 'the version tag')
      .argument('<name>', "the check's name, e.g. smoke-tests")
      .addArgument(new Argument('<status>', 'the outcome').choices(['success', 'failure']))
      .option('--summary <text>', 'a one-line summary')
      .option('--url <url>', 'where the full results are (http or https)'),
    '--server-url',
  )
    .addHelpText(
      'after',
      examplesHelp(
        [
          'check report v1.2.0 smoke-tests success --url "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"',
          'check report v1.2.0 smoke-tests failure --summary "3 of 40 claims misrouted"',
        ],
        'Here --url is the link to the results; the service is --server-url (or FORGE_URL).',
      ),
    )
    .prints('the stored check', async (version: string, name: string, status: 'success' | 'failure', options: ReportOptions) => {
      const stored = await connect({ serverUrl: options.serverUrl, token: options.token }).reportCheck(version, {
        name,
        status,
        ...(options.summary ? { summary: options.summary } : {}),
        ...(options.url ? { url: options.url } : {}),
      });
      return { data: stored, text: () => `reported ${stored.name} ${stored.status} for ${stored.version}\n` };
    });
}
