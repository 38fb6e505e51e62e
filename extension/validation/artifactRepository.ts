import * as vscode from 'vscode';
import { artifactKinds, type ArtifactKind } from '../../core/artifacts/artifactKind';
import { createArtifactClassifier, type ArtifactClassifier } from '../../core/config/artifactClassifier';
import { defaultArtifactGlobs, forgeConfigFileName } from '../../core/config/forgeConfig';
import { parseForgeConfig } from '../../core/config/parseForgeConfig';
import type { SourceFile } from '../../core/validation/validateRepository';
import { artifactGlobOverrides } from '../configuration';
import type { ForgeLog } from '../logging';
import type { EditorTabs } from './editorTabs';

const decoder = new TextDecoder('utf-8');

function defaultGlobs(): Record<ArtifactKind, string[]> {
  return { workflow: [...defaultArtifactGlobs.workflow], agent: [...defaultArtifactGlobs.agent], processor: [...defaultArtifactGlobs.processor] };
}

/**
 * One workspace folder seen as a workflow repository: which files are artifacts (forge.json globs, overridden
 * per kind by `forge.artifactGlobs`) and their text on disk, kept current by a file watcher.
 */
export class ArtifactRepository implements vscode.Disposable {
  private globs: Record<ArtifactKind, string[]> = defaultGlobs();
  /** forge.json problems from the last load; the defaults apply while there are any. */
  configProblems: string[] = [];
  private classifier: ArtifactClassifier = createArtifactClassifier(this.globs);
  private diskTexts = new Map<string, string>();
  private watchers: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly tabs: EditorTabs,
    private readonly log: ForgeLog,
    /** Called when artifact files or forge.json change on disk; `path` is undefined when everything may have. */
    private readonly onDiskChange: (repository: ArtifactRepository, path: string | undefined) => void,
  ) {}

  /** Reads forge.json and the settings, then every artifact file; concurrent calls share one load. */
  load(): Promise<void> {
    this.loading ??= this.readAll().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Resolves once no load is running. */
  async settled(): Promise<void> {
    while (this.loading) await this.loading;
  }

  /** The repository-relative path (forward slashes) of a file under this folder. */
  relativePath(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, false);
  }

  uriOf(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, path);
  }

  kindOf(uri: vscode.Uri): ArtifactKind | undefined {
    if (uri.scheme !== this.folder.uri.scheme || vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() !== this.folder.uri.toString()) {
      return undefined;
    }
    return this.classifier(this.relativePath(uri));
  }

  /** Every artifact's path: those on disk and those only open in an editor. */
  paths(): string[] {
    return this.sourceFiles().map((file) => file.path);
  }

  /** Paths of the artifacts shown in editor tabs. */
  shownPaths(): string[] {
    return this.tabs
      .shownUris()
      .filter((uri) => this.kindOf(uri) !== undefined)
      .map((uri) => this.relativePath(uri));
  }

  /** The repository as the validator sees it: disk texts, with the texts of live documents instead. */
  sourceFiles(): SourceFile[] {
    const texts = new Map(this.diskTexts);
    for (const document of this.liveDocuments()) texts.set(this.relativePath(document.uri), document.getText());
    return [...texts].map(([path, text]) => ({ path, text }));
  }

  /** An artifact's current text: its live document's, else the one on disk; undefined when it exists in neither. */
  textOf(path: string): string | undefined {
    const document = this.liveDocuments().find((candidate) => this.relativePath(candidate.uri) === path);
    return document ? document.getText() : this.diskTexts.get(path);
  }

  /** Whether an editor's text stands for this artifact rather than the disk's. */
  hasLiveDocument(path: string): boolean {
    return this.liveDocuments().some((document) => this.relativePath(document.uri) === path);
  }

  /**
   * Artifact documents whose text counts instead of the disk's: those shown in a tab or with unsaved changes.
   * Other loaded documents are leftovers of closed editors (possibly of deleted files) or nobody's view.
   */
  private liveDocuments(): vscode.TextDocument[] {
    return vscode.workspace.textDocuments.filter(
      (document) => !document.isClosed && (document.isDirty || this.tabs.isShown(document.uri)) && this.kindOf(document.uri) !== undefined,
    );
  }

  private async readAll(): Promise<void> {
    await this.readConfig();
    this.watch();
    const uris = await Promise.all(
      artifactKinds.flatMap((kind) => this.globs[kind].map((glob) => vscode.workspace.findFiles(new vscode.RelativePattern(this.folder, glob)))),
    );
    // Read into a new map and swap, so validations running meanwhile never see a half-read repository.
    const texts = new Map<string, string>();
    await Promise.all(
      uris.flat().map(async (uri) => {
        const text = await this.readText(uri);
        if (text !== undefined) texts.set(this.relativePath(uri), text);
      }),
    );
    this.diskTexts = texts;
    this.log.debug(`${this.folder.name}: ${this.diskTexts.size} artifact files`);
  }

  private async readConfig(): Promise<void> {
    const text = await this.readText(this.uriOf(forgeConfigFileName));
    const parsed = parseForgeConfig(text);
    this.configProblems = parsed.ok ? [] : parsed.problems;
    if (!parsed.ok) this.log.warn(`${this.folder.name}/${forgeConfigFileName}: ${parsed.problems.join('; ')}`);
    const fromConfig = parsed.ok ? parsed.config.artifacts : defaultGlobs();
    this.globs = { ...fromConfig, ...artifactGlobOverrides(this.folder) };
    this.classifier = createArtifactClassifier(this.globs);
  }

  private watch(): void {
    for (const watcher of this.watchers) watcher.dispose();
    const globs = artifactKinds.flatMap((kind) => this.globs[kind]);
    const artifacts = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.folder, `{${globs.join(',')}}`));
    const config = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.folder, forgeConfigFileName));
    const onArtifact = (uri: vscode.Uri): void => void this.refreshFile(uri);
    const onConfig = (): void => void this.load().then(() => this.onDiskChange(this, undefined));
    this.watchers = [
      artifacts,
      config,
      artifacts.onDidCreate(onArtifact),
      artifacts.onDidChange(onArtifact),
      artifacts.onDidDelete(onArtifact),
      config.onDidCreate(onConfig),
      config.onDidChange(onConfig),
      config.onDidDelete(onConfig),
    ];
  }

  private async refreshFile(uri: vscode.Uri): Promise<void> {
    if (this.kindOf(uri) === undefined) return;
    await this.readFile(uri);
    this.onDiskChange(this, this.relativePath(uri));
  }

  private async readFile(uri: vscode.Uri): Promise<void> {
    const path = this.relativePath(uri);
    const text = await this.readText(uri);
    if (text === undefined) this.diskTexts.delete(path);
    else this.diskTexts.set(path, text);
  }

  /** A file's text, or undefined when it does not exist (any other read failure is logged, not thrown). */
  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) this.log.error(`cannot read ${uri.fsPath}`, error);
      return undefined;
    }
  }

  dispose(): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
  }
}
