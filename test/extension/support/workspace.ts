import * as vscode from 'vscode';

const encoder = new TextEncoder();

/** The workspace folder the suites run in (a fresh copy of test/extension/fixtures/workspace). */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the extension-host suites need a workspace folder');
  return folder;
}

/** The URI of a workspace-relative path. */
export function workspaceUri(path: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, path);
}

/** Writes a workspace file on disk (as another program would) and returns its URI. */
export async function writeWorkspaceFile(path: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(path);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  return uri;
}

/** Deletes a workspace file on disk, as another program would. */
export async function deleteWorkspaceFile(path: string): Promise<void> {
  await vscode.workspace.fs.delete(workspaceUri(path), { useTrash: false });
}

/** Opens a file in a pinned editor tab (a preview tab would be replaced by the next file opened). */
export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** Closes every editor, discarding unsaved changes, so the next test starts from the files on disk. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A diagnostic's rule code: this extension gives it as a `{value, target}` link to the rule's documentation. */
export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** The diagnostics this extension published for a file. */
export function forgeDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'forge');
}

const describeDiagnostics = (diagnostics: readonly vscode.Diagnostic[]): string =>
  JSON.stringify(diagnostics.map((d) => ({ code: codeOf(d), message: d.message, line: d.range.start.line })));

/**
 * Resolves with the file's forge diagnostics (or those `of` picks) once they satisfy the predicate (checked now
 * and on every diagnostics change); rejects after the timeout, saying what was there instead.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  { timeoutMs = 10_000, what = 'the expected diagnostics', of = forgeDiagnostics } = {},
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = of(uri);
      if (!predicate(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; found ${describeDiagnostics(of(uri))}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Waits until the file has a forge diagnostic with this code, and returns that diagnostic. */
export async function waitForCode(uri: vscode.Uri, code: string, timeoutMs?: number): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(uri, (found) => found.some((d) => codeOf(d) === code), { timeoutMs, what: `a "${code}" diagnostic` });
  return diagnostics.find((d) => codeOf(d) === code)!;
}

/** Waits until the file has no forge diagnostics. */
export function waitForNone(uri: vscode.Uri, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (found) => found.length === 0, { timeoutMs, what: 'no diagnostics' });
}

/** Waits for the given time; used only to show that something did NOT happen within it. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The diagnostics of a file that this extension did not publish: in the test workspace, those of VS Code's own
 * JSON support (its syntax errors carry the document's language as source, its JSON Schema problems none).
 */
export function jsonDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source !== 'forge');
}

/** Resolves with the JSON support's diagnostics of a file once they satisfy the predicate. */
export function waitForJsonDiagnostics(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  // The JSON language server starts lazily and loads the artifact schema first: allow it time.
  return waitForDiagnostics(uri, predicate, { timeoutMs: 30_000, what: "the JSON support's diagnostics", of: jsonDiagnostics });
}

let probes = 0;

/**
 * The JSON support's diagnostics of an open artifact, once it has certainly checked it: a second artifact opened
 * afterwards with a syntax error must have been checked (its error shows), and the server checks documents in
 * the order they open. Used to show that the JSON support reports nothing for a file.
 */
export async function jsonDiagnosticsAfterProbe(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  const path = `workflows/json-probe-${++probes}.json`;
  const probe = await writeWorkspaceFile(path, '{"kind": "workflow",, "name": "probe"}\n');
  try {
    await openInEditor(probe);
    await waitForJsonDiagnostics(probe, (found) => found.length > 0);
    // Its validation delay is per document; leave the earlier document the same delay again.
    await sleep(1000);
    return jsonDiagnostics(uri);
  } finally {
    await deleteWorkspaceFile(path);
  }
}
