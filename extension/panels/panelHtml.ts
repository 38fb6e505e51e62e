import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Where the webview bundles live in the installed extension: the panels' only local resource root. */
export function webviewAssetsRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webviews');
}

/** Panel options: scripts on, and nothing loadable outside dist/webviews (bundles, stylesheets, icon font). */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewAssetsRoot(extensionUri)] };
}

/**
 * A panel's page: `dist/webviews/<bundle>.js` and `.css`. The CSP allows nothing but that script (by a fresh
 * nonce per page) and our stylesheets, fonts and images; the page has no inline script or style. `data` rides
 * on data attributes of #app, so the script knows what it shows before the first state arrives.
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string, title: string, data: Record<string, string> = {}): string {
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
  const attributes = Object.entries(data)
    .map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" id="vscode-codicon-stylesheet" href="${asset('codicons', 'codicon.css')}">
  <link rel="stylesheet" href="${asset(`${bundle}.css`)}">
  <title>${escapeText(title)}</title>
</head>
<body>
  <main id="app" aria-busy="true"${attributes}>
    <p class="muted">Loading ${escapeText(title)}…</p>
  </main>
  <script nonce="${nonce}" src="${asset(`${bundle}.js`)}"></script>
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
