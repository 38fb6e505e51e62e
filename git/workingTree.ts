import { createArtifactClassifier } from '../core/config/artifactClassifier';
import { forgeConfigFileName, type ForgeConfig } from '../core/config/forgeConfig';
import { forgeConfigAtCommit, forgeConfigFromText } from './artifactsAtCommit';
import { headCommit } from './commitRefs';
import { gitText } from './gitCommand';
import { UnknownRefError } from './gitErrors';
import { pathInFolder, workflowFolderPrefix } from './workflowFolder';

export interface ArtifactTreeStatus {
  /** True when no artifact file and no forge.json differs from HEAD. */
  clean: boolean;
  /** Artifact paths (and forge.json) that are modified, staged, deleted or untracked, relative to the workflow folder. */
  changed: string[];
}

/** Whether the working tree holds uncommitted changes to artifacts — a version must tag what is committed. */
export async function artifactWorkingTreeStatus(repoPath: string): Promise<ArtifactTreeStatus> {
  const classify = createArtifactClassifier((await headConfig(repoPath)).artifacts);
  const prefix = await workflowFolderPrefix(repoPath);
  // Porcelain paths are relative to the repository root whatever the current directory.
  const out = await gitText(repoPath, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  const changed = out
    .split('\0')
    .filter((entry) => entry.length > 3)
    .flatMap((entry) => pathInFolder(prefix, entry.slice(3)) ?? [])
    .filter((path) => path === forgeConfigFileName || classify(path) !== undefined);
  return { clean: changed.length === 0, changed };
}

async function headConfig(repoPath: string): Promise<ForgeConfig> {
  const head = await headCommit(repoPath).catch((error: unknown) => {
    if (error instanceof UnknownRefError) return null;
    throw error;
  });
  // A repository without commits yet: everything is uncommitted, judged by the default globs.
  return head ? forgeConfigAtCommit(repoPath, head) : forgeConfigFromText(undefined, forgeConfigFileName);
}
