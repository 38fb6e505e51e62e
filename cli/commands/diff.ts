import type { Command } from 'commander';
import { diffSnapshots } from '../../core/diff/diffSnapshots';
import { formatSnapshotDiffJson, formatSnapshotDiffText } from '../diff/formatSnapshotDiff';
import { examplesHelp } from '../output/helpExamples';
import { readSnapshot } from '../workspace/readSnapshot';

/** `forge-release diff <previous> <next>`: the DAG-aware changes between two repository folders and the bump. */
export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('list the changes between two repository folders and the semver bump they call for')
    .argument('<previous>', 'folder of the previous version of the repository')
    .argument('<next>', 'folder of the next version')
    .option('--json', 'print the changes as JSON')
    .addHelpText('after', examplesHelp(['diff ../claims-v1.2.0 .', 'diff v1.2.0/ v1.3.0/ --json']))
    .action(async (previous: string, next: string, options: { json?: boolean }) => {
      const cwd = process.cwd();
      const diff = diffSnapshots(await readSnapshot(previous, cwd), await readSnapshot(next, cwd));
      process.stdout.write(options.json ? formatSnapshotDiffJson(diff, { previous, next }) : formatSnapshotDiffText(diff));
    });
}
