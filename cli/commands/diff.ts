import { diffSnapshots } from '../../core/diff/diffSnapshots';
import type { ForgeCommand } from '../commandLine/forgeCommand';
import { snapshotDiffJson, formatSnapshotDiffText } from '../diff/formatSnapshotDiff';
import { examplesHelp } from '../output/helpExamples';
import { readSnapshot } from '../workspace/readSnapshot';

/** `forge-release diff <previous> <next>`: the DAG-aware changes between two repository folders and the bump. */
export function registerDiffCommand(program: ForgeCommand): void {
  program
    .command('diff')
    .description('list the changes between two repository folders and the semver bump they call for')
    .argument('<previous>', 'folder of the previous version of the repository')
    .argument('<next>', 'folder of the next version')
    .addHelpText('after', examplesHelp(['diff ../claims-v1.2.0 .', 'diff v1.2.0/ v1.3.0/ --json']))
    .prints('the changes ({previous, next, inferredBump, changes})', async (previous: string, next: string) => {
      const cwd = process.cwd();
      const diff = diffSnapshots(await readSnapshot(previous, cwd), await readSnapshot(next, cwd));
      return { data: snapshotDiffJson(diff, { previous, next }), text: () => formatSnapshotDiffText(diff) };
    });
}
