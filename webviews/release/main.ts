// The approval panel's page: renders the state the extension posts and sends decisions back. Every message
// either way passes the zod schemas of messages.ts.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import './approval.css';
import { changeSetsSection } from './changeSetsSection';
import { DecisionForm } from './decisionForm';
import { decisionsSection } from './decisionsSection';
import { diffSection } from './diffSection';
import { codicon, el } from './dom';
import { gatesSection } from './gatesSection';
import {
  describeIssues, fromWebviewMessageSchema, persistedStateSchema, toWebviewMessageSchema,
  type ApprovalViewState, type FromWebviewMessage, type PersistedState,
} from './messages';
import { releaseHeader } from './releaseHeader';
import type { VsCodeApi } from './vscodeApi';

// The time left before expiry is re-rendered this often between state updates.
const clockTickMs = 30_000;

const vscode: VsCodeApi = acquireVsCodeApi();
const root = document.getElementById('app')!;
const initialReleaseId = root.dataset.releaseId ?? '';
const restored = persistedStateSchema.safeParse(vscode.getState());
let persisted: PersistedState = restored.success ? restored.data : { releaseId: initialReleaseId, comment: '' };
let current: ApprovalViewState | undefined;

function post(message: FromWebviewMessage): void {
  vscode.postMessage(fromWebviewMessageSchema.parse(message));
}

function persist(update: Partial<PersistedState>): void {
  persisted = { ...persisted, ...update };
  vscode.setState(persisted);
}

const form = new DecisionForm(persisted.comment, {
  decide: (decision, comment) => post({ type: 'decide', releaseId: persisted.releaseId, decision, ...(comment ? { comment } : {}) }),
  commentChanged: (comment) => persist({ comment }),
  showLogs: () => post({ type: 'showLogs' }),
});

// The form stays in place between renders (only the parts around it are rebuilt), so a refresh arriving while
// someone types keeps the focus and the comment.
const top = el('div', { id: 'top' });
const details = el('div', { id: 'details' });
const refresh = el('vscode-button', { id: 'refresh', icon: 'refresh', secondary: true }, 'Refresh');
refresh.addEventListener('click', () => post({ type: 'refresh' }));
const signedIn = el('span', { class: 'muted' });
const footer = el('footer', {}, signedIn, refresh);

function render(): void {
  if (!current) return;
  const { release, approval, problem } = current;
  const problemNote = problem ? el('p', { id: 'problem', class: 'problem', role: 'alert' }, codicon('warning'), ' ', problem) : null;
  signedIn.textContent = `Signed in as ${current.me ? `${current.me.name} (${current.me.role})` : 'nobody'}`;
  if (root.childElementCount === 0 || root.firstElementChild !== top) root.replaceChildren(top, form.element, details, footer);
  form.setAvailability(current.decision);
  form.element.hidden = !release;
  top.replaceChildren(release ? releaseHeader(release, approval, current.replaces, Date.now()) : el('h1', {}, `Release ${current.releaseId}`), ...(problemNote ? [problemNote] : []));
  details.replaceChildren(
    ...(release
      ? [decisionsSection(release, approval), gatesSection(release.gates), diffSection(current.diff), changeSetsSection(current.changeSets)]
      : []),
  );
  root.removeAttribute('aria-busy');
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = toWebviewMessageSchema.safeParse(event.data);
  if (!parsed.success) {
    post({ type: 'rejectedMessage', reason: describeIssues(parsed.error).slice(0, 4000) });
    return;
  }
  const message = parsed.data;
  if (message.type === 'state') {
    current = message.state;
    persist({ releaseId: message.state.releaseId });
    render();
  } else {
    form.showResult(message.result);
  }
});

setInterval(render, clockTickMs);
persist({});
// The handshake: the extension holds its state until this arrives, so nothing posted before the listener is lost.
post({ type: 'ready' });
