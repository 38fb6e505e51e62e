import * as vscode from 'vscode';
import { ruleDocSectionLines } from '../../core/validation/ruleDocSections';
import type { ForgeLog } from '../logging';

/**
 * Where each diagnostic code is documented: its section of docs/rules.md, which ships inside the extension. The
 * link is the file's URI with an `L<line>` fragment, which VS Code (desktop and code-server alike) opens at that
 * line; it needs no network and no repository host.
 */
export class RuleDocs {
  private lines = new Map<string, number>();

  constructor(
    private readonly document: vscode.Uri,
    private readonly log: ForgeLog,
  ) {}

  /** The extension's copy of the rules document. */
  static of(extensionUri: vscode.Uri, log: ForgeLog): RuleDocs {
    return new RuleDocs(vscode.Uri.joinPath(extensionUri, 'docs', 'rules.md'), log);
  }

  /** Reads the document's section headings; until then (or if it cannot be read) links open its top. */
  async load(): Promise<void> {
    try {
      this.lines = ruleDocSectionLines(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(this.document)));
    } catch (error) {
      this.log.error(`cannot read the rules documentation at ${this.document.toString()}`, error);
    }
  }

  /** A diagnostic `code` that names the rule and links to its documentation. */
  codeOf(code: string): { value: string; target: vscode.Uri } {
    const line = this.lines.get(code);
    return { value: code, target: line === undefined ? this.document : this.document.with({ fragment: `L${line + 1}` }) };
  }
}
