import type { DecisionAvailability, DecisionResult } from './messages';
import { codicon, el } from './dom';

type Decision = 'approve' | 'reject';

interface DecisionFormActions {
  decide(decision: Decision, comment: string): void;
  commentChanged(comment: string): void;
  showLogs(): void;
}

/**
 * The comment field and the Approve / Reject buttons. Built once and updated in place, so a live refresh never
 * drops a comment being typed. While a decision is on its way both buttons stay disabled.
 */
export class DecisionForm {
  readonly element: HTMLElement;
  private readonly comment: HTMLElement & { value: string; disabled: boolean };
  private readonly approve: HTMLElement & { disabled: boolean };
  private readonly reject: HTMLElement & { disabled: boolean };
  private readonly explanation: HTMLElement;
  private readonly outcome: HTMLElement;
  private availability: DecisionAvailability = { allowed: false, explanation: null };
  private busy = false;

  constructor(initialComment: string, private readonly actions: DecisionFormActions) {
    this.comment = el('vscode-textarea', { id: 'comment', rows: '3', maxlength: '2000', placeholder: 'Comment (optional): what you checked, or why you reject', 'aria-label': 'Comment' }) as HTMLElement & { value: string; disabled: boolean };
    // No resize handle: the element draws it with a data: image, which the panel's img-src does not allow.
    this.comment.setAttribute('resize', 'none');
    this.comment.value = initialComment;
    this.comment.addEventListener('input', () => this.actions.commentChanged(this.comment.value));
    this.approve = el('vscode-button', { id: 'approve', icon: 'check' }, 'Approve') as HTMLElement & { disabled: boolean };
    this.reject = el('vscode-button', { id: 'reject', icon: 'close', secondary: true }, 'Reject') as HTMLElement & { disabled: boolean };
    this.approve.addEventListener('click', () => this.send('approve'));
    this.reject.addEventListener('click', () => this.send('reject'));
    this.explanation = el('p', { id: 'decision-explanation', class: 'explanation', hidden: true });
    this.outcome = el('div', { id: 'decision-outcome', role: 'status', 'aria-live': 'polite' });
    this.element = el(
      'section',
      { id: 'decision', 'aria-labelledby': 'decision-title' },
      el('h2', { id: 'decision-title' }, 'Your decision'),
      this.explanation,
      this.comment,
      el('div', { class: 'buttons' }, this.approve, this.reject),
      this.outcome,
    );
    this.apply();
  }

  /** Follows what the extension says the user may do now. */
  setAvailability(availability: DecisionAvailability): void {
    this.availability = availability;
    this.apply();
  }

  /** Shows how the last decision went: the API's refusal stays visible until the next attempt. */
  showResult(result: DecisionResult): void {
    this.busy = false;
    this.outcome.replaceChildren();
    // A refusal is announced at once; a recorded decision politely.
    this.outcome.setAttribute('role', result.outcome === 'failed' ? 'alert' : 'status');
    if (result.outcome === 'recorded') {
      this.outcome.className = 'outcome recorded';
      this.outcome.append(codicon('check'), ` Your ${result.decision === 'approve' ? 'approval' : 'rejection'} was recorded.`);
      this.comment.value = '';
      this.actions.commentChanged('');
    } else {
      const showLogs = el('a', { href: '#', id: 'show-logs' }, 'Show Logs');
      showLogs.addEventListener('click', (event) => {
        event.preventDefault();
        this.actions.showLogs();
      });
      this.outcome.className = 'outcome failed';
      this.outcome.append(codicon('error'), ' ', el('span', { id: 'decision-error' }, `${result.message} (${result.code})`), ' ', showLogs);
    }
    this.apply();
  }

  private send(decision: Decision): void {
    if (this.busy || !this.availability.allowed) return;
    this.busy = true;
    this.outcome.replaceChildren(el('span', { class: 'muted' }, decision === 'approve' ? 'Approving…' : 'Rejecting…'));
    this.outcome.className = 'outcome';
    this.apply();
    this.actions.decide(decision, this.comment.value.trim());
  }

  private apply(): void {
    const disabled = this.busy || !this.availability.allowed;
    this.approve.disabled = disabled;
    this.reject.disabled = disabled;
    this.comment.disabled = !this.availability.allowed;
    const explanation = this.availability.allowed ? null : this.availability.explanation;
    this.explanation.hidden = explanation === null;
    this.explanation.replaceChildren(...(explanation ? [codicon('info'), ' ', explanation] : []));
  }
}
