import * as vscode from 'vscode';
import type { ArtifactKind } from '../../core/artifacts/artifactKind';
import { forgeConfigFileName } from '../../core/config/forgeConfig';
import type { DiagnosticFix } from '../../core/validation/diagnostic';
import { validateArtifactText } from '../../core/validation/validateArtifactText';
import { validateRepository, type FileValidation } from '../../core/validation/validateRepository';
import { onDidChangeForgeSettings, validationDebounceMs, validationEnabled } from '../configuration';
import { KeyedDebouncer } from '../debounce';
import type { ForgeLog } from '../logging';
import { ArtifactNameIndex } from './artifactNameIndex';
import type { ArtifactRepository } from './artifactRepository';
import type { EditorTabs } from './editorTabs';
import { editorChecksSyntax, withoutEditorSyntaxErrors } from './editorSyntaxErrors';
import type { RuleDocs } from './ruleDocs';
import { codeValue, diagnosticSource, toVscodeDiagnostic } from './toVscodeDiagnostic';
import type { WorkspaceArtifacts } from './workspaceArtifacts';

/** What a published diagnostic was computed from, so its quick fixes are offered only while they still apply. */
interface PublishedFile {
  repository: ArtifactRepository;
  text: string;
  entries: { diagnostic: vscode.Diagnostic; fixes: DiagnosticFix[] }[];
}

/** Totals of one workspace validation. */
export interface ValidationSummary {
  files: number;
  errors: number;
  warnings: number;
}

/**
 * Keeps the Problems view in step with the artifacts. A file is validated at once when its editor opens or it
 * is saved, after `forge.validation.debounceMs` of quiet while edited, and its diagnostics go when its last
 * editor tab closes. An edited
 * document is validated alone against the repository's name index; when the names it declares change, the
 * files that can depend on them (workflows, and artifacts of the same kind) are validated again. Loading a
 * repository and "Validate Workspace" validate everything at once; after the latter, every artifact stays in
 * Problems, open or not.
 */
export class ArtifactDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(diagnosticSource);
  private readonly debouncer = new KeyedDebouncer();
  private readonly published = new Map<string, PublishedFile>();
  private readonly indexes = new Map<ArtifactRepository, ArtifactNameIndex>();
  private readonly subscriptions: vscode.Disposable[];
  private workspaceScope = false;

  constructor(
    private readonly artifacts: WorkspaceArtifacts,
    tabs: EditorTabs,
    private readonly docs: RuleDocs,
    private readonly log: ForgeLog,
  ) {
    this.subscriptions = [
      tabs.onDidChange(({ opened, closed }) => {
        for (const uri of opened) void this.validateNow(uri);
        for (const uri of closed) void this.forget(uri);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => void this.validateNow(document.uri)),
      vscode.workspace.onDidChangeTextDocument((event) => this.validateLater(event)),
      vscode.workspace.onDidCloseTextDocument((document) => void this.forget(document.uri)),
      artifacts.onDidChange(({ repository, path }) => this.diskChanged(repository, path)),
      vscode.workspace.onDidChangeWorkspaceFolders(({ removed }) => removed.forEach((folder) => this.clearFolder(folder))),
      onDidChangeForgeSettings((event) => void this.settingsChanged(event)),
      // Whether the editor reports syntax errors itself decides whether ours are shown.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('json.validate.enable')) for (const repository of this.artifacts.all()) this.validateAll(repository);
      }),
    ];
  }

  /** Loads the repositories (and where each rule is documented) and validates the artifacts already open. */
  async start(): Promise<void> {
    await Promise.all([this.artifacts.load(), this.docs.load()]);
    for (const repository of this.artifacts.all()) this.validateAll(repository);
  }

  /** Validates every artifact of every repository and keeps all of them in Problems from now on. */
  async validateWorkspace(report: (message: string) => void): Promise<ValidationSummary> {
    this.workspaceScope = true;
    const summary: ValidationSummary = { files: 0, errors: 0, warnings: 0 };
    for (const repository of this.artifacts.all()) {
      report(`reading ${repository.folder.name}`);
      await repository.load();
      report(`validating ${repository.folder.name}`);
      const files = this.validateAll(repository);
      summary.files += files.length;
      for (const file of files) {
        for (const diagnostic of file.diagnostics) {
          if (diagnostic.severity === 'error') summary.errors++;
          else summary.warnings++;
        }
      }
    }
    return summary;
  }

  /** The quick fixes the validator attached to a published diagnostic, while the document still has that text. */
  fixesFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): DiagnosticFix[] {
    const published = this.published.get(document.uri.toString());
    if (!published || published.text !== document.getText()) return [];
    const entry = published.entries.find(
      ({ diagnostic: candidate }) =>
        codeValue(candidate) === codeValue(diagnostic) && candidate.message === diagnostic.message && candidate.range.isEqual(diagnostic.range),
    );
    return entry?.fixes ?? [];
  }

  private async validateNow(uri: vscode.Uri): Promise<void> {
    const repository = this.artifacts.repositoryOfArtifact(uri);
    if (!repository) return;
    this.debouncer.cancel(uri.toString());
    await repository.settled();
    this.refresh(repository, repository.relativePath(uri));
  }

  private validateLater(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    const repository = event.contentChanges.length > 0 ? this.artifacts.repositoryOfArtifact(document.uri) : undefined;
    if (!repository) return;
    this.debouncer.schedule(document.uri.toString(), validationDebounceMs(repository.folder), () => {
      if (!document.isClosed) this.refresh(repository, repository.relativePath(document.uri));
    });
  }

  private async forget(uri: vscode.Uri): Promise<void> {
    const repository = this.artifacts.repositoryOfArtifact(uri);
    if (!repository) return;
    this.debouncer.cancel(uri.toString());
    if (!this.workspaceScope) this.unpublish(uri);
    await repository.settled();
    // The closed editor's unsaved text no longer counts: what is on disk (if anything) does.
    this.refresh(repository, repository.relativePath(uri));
  }

  /**
   * Disk changes come in bursts (a checkout, a rename), so they share one debounce per repository and path. A
   * file open in an editor is left to its document's events: the editor's text is what counts for it.
   */
  private diskChanged(repository: ArtifactRepository, path: string | undefined): void {
    const key = `disk:${repository.folder.uri.toString()}:${path ?? '*'}`;
    this.debouncer.schedule(key, validationDebounceMs(repository.folder), () => {
      if (path === undefined) this.validateAll(repository);
      else if (!repository.hasLiveDocument(path)) this.refresh(repository, path);
    });
  }

  private async settingsChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    const globsChanged = event.affectsConfiguration('forge.artifactGlobs');
    if (globsChanged) await this.artifacts.load();
    if (globsChanged || event.affectsConfiguration('forge.validation.enabled')) {
      for (const repository of this.artifacts.all()) this.validateAll(repository);
    }
  }

  /** Validates the whole repository at once (exact related ranges across files) and rebuilds its name index. */
  private validateAll(repository: ArtifactRepository): FileValidation[] {
    if (!validationEnabled(repository.folder)) {
      this.clearFolder(repository.folder);
      return [];
    }
    const files = repository.sourceFiles();
    const started = performance.now();
    const result = validateRepository(files);
    this.log.debug(`validated ${files.length} files of ${repository.folder.name} in ${(performance.now() - started).toFixed(1)} ms`);
    this.indexOf(repository).replaceAll(result.files);
    const texts = new Map(files.map((file) => [file.path, file.text]));
    const visible = this.visiblePaths(repository);
    for (const file of result.files) {
      const text = texts.get(file.path);
      if (visible.has(file.path) && text !== undefined) this.publish(repository, file, text);
    }
    for (const [key, published] of this.published) {
      const uri = vscode.Uri.parse(key);
      if (published.repository === repository && !visible.has(repository.relativePath(uri))) this.unpublish(uri);
    }
    this.publishConfigProblems(repository);
    return result.files;
  }

  /**
   * Validates one file against the name index; when the names it declares changed, its dependents follow
   * (except documents being typed into: their typing pause validates them soon, against the new names).
   */
  private refresh(repository: ArtifactRepository, path: string): void {
    if (!validationEnabled(repository.folder)) return;
    const changedKinds = this.validateOne(repository, path);
    if (changedKinds.length === 0) return;
    const index = this.indexOf(repository);
    for (const dependent of this.visiblePaths(repository)) {
      const kind = index.kindOf(dependent);
      const typing = this.debouncer.isPending(repository.uriOf(dependent).toString());
      if (dependent !== path && !typing && kind !== undefined && (kind === 'workflow' || changedKinds.includes(kind))) this.validateOne(repository, dependent);
    }
  }

  /** Validates and publishes one file; returns the artifact kinds whose names it changed in the index. */
  private validateOne(repository: ArtifactRepository, path: string): ArtifactKind[] {
    const index = this.indexOf(repository);
    const text = repository.textOf(path);
    if (text === undefined) {
      this.unpublish(repository.uriOf(path));
      return index.update(path, undefined);
    }
    const started = performance.now();
    const file = validateArtifactText(text, path, index.entries());
    this.log.debug(`validated ${path} in ${(performance.now() - started).toFixed(1)} ms`);
    if (this.visiblePaths(repository).has(path)) this.publish(repository, file, text);
    else this.unpublish(repository.uriOf(path));
    return index.update(path, file.artifact);
  }

  /** The artifacts shown in Problems: those open in editor tabs, or all after "Validate Workspace". */
  private visiblePaths(repository: ArtifactRepository): Set<string> {
    const shown = repository.shownPaths();
    return new Set(this.workspaceScope ? [...repository.paths(), ...shown] : shown);
  }

  private indexOf(repository: ArtifactRepository): ArtifactNameIndex {
    let index = this.indexes.get(repository);
    if (!index) this.indexes.set(repository, (index = new ArtifactNameIndex()));
    return index;
  }

  private publish(repository: ArtifactRepository, file: FileValidation, text: string): void {
    const uri = repository.uriOf(file.path);
    const shown = withoutEditorSyntaxErrors(file.diagnostics, text, editorChecksSyntax(uri));
    const entries = shown.map((diagnostic) => ({
      diagnostic: toVscodeDiagnostic(diagnostic, uri, (path) => repository.uriOf(path), this.docs),
      fixes: diagnostic.fixes ?? (diagnostic.fix ? [diagnostic.fix] : []),
    }));
    this.published.set(uri.toString(), { repository, text, entries });
    this.collection.set(
      uri,
      entries.map((entry) => entry.diagnostic),
    );
  }

  /** A broken forge.json falls back to the default globs; say so where the user will look. */
  private publishConfigProblems(repository: ArtifactRepository): void {
    const diagnostics = repository.configProblems.map((problem) => {
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `${problem} (the default artifact globs apply)`);
      diagnostic.source = diagnosticSource;
      diagnostic.code = this.docs.codeOf('forge-config');
      return diagnostic;
    });
    this.collection.set(repository.uriOf(forgeConfigFileName), diagnostics);
  }

  private unpublish(uri: vscode.Uri): void {
    this.published.delete(uri.toString());
    this.collection.delete(uri);
  }

  private clearFolder(folder: vscode.WorkspaceFolder): void {
    const prefix = `${folder.uri.toString()}/`;
    for (const key of [...this.published.keys()]) if (key.startsWith(prefix)) this.unpublish(vscode.Uri.parse(key));
    this.collection.delete(vscode.Uri.joinPath(folder.uri, forgeConfigFileName));
    for (const repository of this.indexes.keys()) if (repository.folder.uri.toString() === folder.uri.toString()) this.indexes.delete(repository);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.debouncer.dispose();
    this.collection.dispose();
    this.published.clear();
  }
}
