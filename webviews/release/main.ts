// The release details page: renders the state the extension posts and sends decisions and actions back. The
// sections are a list: a new one (gateway sync, evaluations, verification) is one module and one entry below.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import './release.css';
import { Channel } from '../shared/channel';
import { codicon, el } from '../shared/dom';
import type { ForgeAction } from '../shared/messages';
import { approvalsSection } from './approvalsSection';
import { auditSection } from './auditSection';
import { changeSetsSection } from './changeSetsSection';
import { DecisionForm } from './decisionForm';
import { diffSection } from './diffSection';
import { evaluationSection } from './evaluationSection';
import { gatesSection } from './gatesSection';
import { releaseEnvelopeSchema, releaseFromWebviewSchema, releasePersistedStateSchema, type ReleaseFromWebview, type ReleasePersistedState } from './messages';
import type { ReleaseDetailsState, ReleaseToWebview } from './protocol';
import { releaseHeader } from './releaseHeader';
import { timelineSection } from './timelineSection';
import { verificationSection } from './verificationSection';

// Relative times and the time left are re-rendered this often between state updates.
const clockTickMs = 30_000;

const channel = new Channel<ReleaseToWebview, ReleaseFromWebview>(releaseEnvelopeSchema, releaseFromWebviewSchema);
const root = document.getElementById('app')!;
let persisted: ReleasePersistedState = channel.restore(releasePersistedStateSchema) ?? { releaseId: root.dataset.releaseId ?? '', comment: '' };
let current: ReleaseDetailsState | undefined;

const act = (action: ForgeAction): void => channel.post({ type: 'action', action });

function persist(update: Partial<ReleasePersistedState>): void {
  persisted = { ...persisted, ...update };
  channel.save(persisted);
}

const form = new DecisionForm(persisted.comment, {
  decide: (decision, comment) => channel.post({ type: 'decide', releaseId: persisted.releaseId, decision, ...(comment ? { comment } : {}) }),
  commentChanged: (comment) => persist({ comment }),
  showLogs: () => channel.post({ type: 'showLogs' }),
});

/** The sections under the header, in order; each renders from the state or returns null to stay out. */
const sections: ((state: ReleaseDetailsState, now: number) => HTMLElement | null)[] = [
  timelineSection,
  (state, now) => verificationSection(state, now, (releaseId) => act({ kind: 'openRelease', releaseId })),
  gatesSection,
  evaluationSection,
  approvalsSection,
  diffSection,
  changeSetsSection,
  (state, now) => auditSection(state, now, () => act({ kind: 'showAuditLog', releaseId: state.releaseId })),
];

// The form stays in place between renders (only the parts around it are rebuilt), so a refresh arriving while
// someone types keeps the focus and the comment.
const top = el('div', { id: 'top' });
const details = el('div', { id: 'details' });
const refresh = el('vscode-button', { id: 'refresh', icon: 'refresh', secondary: true }, 'Refresh');
refresh.addEventListener('click', () => channel.post({ type: 'refresh' }));
const signedIn = el('span', { class: 'muted' });
const footer = el('footer', {}, signedIn, refresh);

function actionBar(state: ReleaseDetailsState): HTMLElement {
  const bar = el('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Release actions' });
  if (state.rollbackTo) {
    const { environment, version } = state.rollbackTo;
    const button = el('vscode-button', { id: 'rollback-to', icon: 'history' }, `Roll Back ${environment} to ${version}…`);
    button.addEventListener('click', () => act({ kind: 'rollback', environment, version }));
    bar.append(button);
  }
  const pipeline = el('vscode-button', { id: 'open-pipeline', icon: 'layers', secondary: true }, 'Release Pipeline');
  pipeline.addEventListener('click', () => act({ kind: 'showPipeline' }));
  bar.append(pipeline);
  return bar;
}

function render(): void {
  if (!current) return;
  const now = Date.now();
  const { release, approval, problem } = current;
  const problemNote = problem ? el('p', { id: 'problem', class: 'problem', role: 'alert' }, codicon('warning'), ' ', problem) : null;
  signedIn.textContent = `Signed in as ${current.me ? `${current.me.name} (${current.me.role})` : 'nobody'}`;
  if (root.firstElementChild !== top) root.replaceChildren(top, form.element, details, footer);
  form.setAvailability(current.decision);
  // Waiting for approval is this panel's state for reviewers: the decision shows then, and stays for those who
  // decided (their outcome and why nothing more can be done), not for everyone else once the wait is over.
  const decidedByMe = release?.approvals.some((decision) => decision.user === current?.me?.name) ?? false;
  form.element.hidden = !release || !(approval?.state === 'waiting' || decidedByMe);
  top.replaceChildren(
    release ? releaseHeader(current, release, now, actionBar(current)) : el('h1', {}, `Release ${current.releaseId}`),
    ...(problemNote ? [problemNote] : []),
  );
  const state = current;
  details.replaceChildren(...sections.map((render) => render(state, now)).filter((part): part is HTMLElement => part !== null));
  root.removeAttribute('aria-busy');
}

persist({});
channel.open((message) => {
  if (message.type === 'state') {
    current = message.state;
    persist({ releaseId: message.state.releaseId });
    render();
  } else {
    form.showResult(message.result);
  }
});
setInterval(render, clockTickMs);
