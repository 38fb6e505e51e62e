import * as vscode from 'vscode';
import type { ForgeLog } from '../logging';
import type { EditorTabs } from './editorTabs';
import { ArtifactRepository } from './artifactRepository';

/** A change on disk in one repository; `path` is undefined when forge.json or the settings changed. */
export interface RepositoryChange {
  repository: ArtifactRepository;
  path: string | undefined;
}

/** The workspace folders as workflow repositories, following folders being added and removed. */
export class WorkspaceArtifacts implements vscode.Disposable {
  private readonly repositories = new Map<string, ArtifactRepository>();
  private readonly changeEmitter = new vscode.EventEmitter<RepositoryChange>();
  private readonly folderSubscription: vscode.Disposable;
  /** Fires after files of a repository changed on disk (or its configuration did) and were re-read. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly tabs: EditorTabs,
    private readonly log: ForgeLog,
  ) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.add(folder);
    this.folderSubscription = vscode.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
      for (const folder of removed) this.remove(folder);
      for (const folder of added) {
        const repository = this.add(folder);
        void repository.load().then(() => this.changeEmitter.fire({ repository, path: undefined }));
      }
    });
  }

  /** Loads every repository (forge.json, globs, artifact texts). */
  async load(): Promise<void> {
    await Promise.all(this.all().map((repository) => repository.load()));
  }

  /** Resolves once no repository is loading. */
  async settled(): Promise<void> {
    await Promise.all(this.all().map((repository) => repository.settled()));
  }

  all(): ArtifactRepository[] {
    return [...this.repositories.values()];
  }

  /** The repository holding a file, when that file is one of its artifacts. */
  repositoryOfArtifact(uri: vscode.Uri): ArtifactRepository | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const repository = folder && this.get(folder);
    return repository?.kindOf(uri) !== undefined ? repository : undefined;
  }

  private get(folder: vscode.WorkspaceFolder): ArtifactRepository | undefined {
    return this.repositories.get(folder.uri.toString());
  }

  private add(folder: vscode.WorkspaceFolder): ArtifactRepository {
    const repository = new ArtifactRepository(folder, this.tabs, this.log, (changed, path) => this.changeEmitter.fire({ repository: changed, path }));
    this.repositories.set(folder.uri.toString(), repository);
    return repository;
  }

  private remove(folder: vscode.WorkspaceFolder): void {
    this.get(folder)?.dispose();
    this.repositories.delete(folder.uri.toString());
  }

  dispose(): void {
    for (const repository of this.repositories.values()) repository.dispose();
    this.repositories.clear();
    this.folderSubscription.dispose();
    this.changeEmitter.dispose();
  }
}
