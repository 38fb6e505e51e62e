import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Where the webview bundles live in the installed extension: the panels' only local resource root. */
export function webviewAssetsRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webviews');
}

/**
 * The approval panel's page. The CSP allows nothing but our bundled script (by a fresh nonce per page) and our
 * stylesheets, fonts and images; the page has no inline script or style. The release id rides on a data
 * attribute so the script knows which release it shows before the first state arrives.
 */
export function approvalPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, releaseId: string): string {
  const root = webviewAssetsRoot(extensionUri);
  const asset = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(root, ...path)).toString();
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" id="vscode-codicon-stylesheet" href="${asset('codicons', 'codicon.css')}">
  <link rel="stylesheet" href="${asset('approval.css')}">
  <title>Release approval</title>
</head>
<body>
  <main id="app" aria-busy="true" data-release-id="${escapeAttribute(releaseId)}">
    <p class="muted">Loading release ${escapeText(releaseId)}…</p>
  </main>
  <script nonce="${nonce}" src="${asset('approval.js')}"></script>
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
