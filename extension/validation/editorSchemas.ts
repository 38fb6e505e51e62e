import * as vscode from 'vscode';
import { artifactKinds } from '../../core/artifacts/artifactKind';

/** The scheme of the editor schemas that `contributes.jsonValidation` points at (scripts/writeExtensionManifest.mjs). */
export const editorSchemaScheme = 'forge-schema';

// Matches nothing and explains nothing: what a JSON file gets outside a Forge workflow repository.
const noSchema = '{}';

/**
 * Serves the editor JSON Schemas (completion and hover only; they report nothing, the validator does) to VS Code's
 * JSON language features, but only while a workspace folder holds a `forge.json`: a `workflows/*.json` of some
 * other project gets no Forge completion. Creating or deleting `forge.json` re-serves every schema at once.
 */
export class EditorSchemas implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/forge.json', false, true, false);
  private readonly registration: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(editorSchemaScheme, this);
    const reserve = () => {
      for (const kind of artifactKinds) this.changed.fire(vscode.Uri.parse(`${editorSchemaScheme}:/${kind}.editor.schema.json`));
    };
    this.watcher.onDidCreate(reserve);
    this.watcher.onDidDelete(reserve);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const name = uri.path.replace(/^\//, '');
    if (!artifactKinds.some((kind) => name === `${kind}.editor.schema.json`)) return noSchema;
    const inForgeRepository = (await vscode.workspace.findFiles('**/forge.json', '**/node_modules/**', 1)).length > 0;
    if (!inForgeRepository) return noSchema;
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'schemas', name)));
  }

  dispose(): void {
    this.registration.dispose();
    this.watcher.dispose();
    this.changed.dispose();
  }
}
