import { actionLink, codicon, el } from '../shared/dom';
import type { DecisionAvailability, DecisionResult } from './protocol';

type Decision = 'approve' | 'reject';

interface DecisionFormActions {
  decide(decision: Decision, comment: string): void;
  commentChanged(comment: string): void;
  showLogs(): void;
}

/**
 * The comment field and the Approve / Reject buttons. Built once and updated in place, so a live refresh never
 * drops a comment being typed. A rejection needs a reason (the extension also confirms one of production).
 * While a decision is on its way both buttons stay disabled; Approve alone is disabled while a gate that passed
 * when the release was requested no longer does.
 */
export class DecisionForm {
  readonly element: HTMLElement;
  private readonly comment: HTMLElement & { value: string; disabled: boolean; focus(): void };
  private readonly approve: HTMLElement & { disabled: boolean };
  private readonly reject: HTMLElement & { disabled: boolean };
  private readonly explanation: HTMLElement;
  private readonly outcome: HTMLElement;
  private availability: DecisionAvailability = { allowed: false, explanation: null, approveBlocked: null };
  private busy = false;

  constructor(
    initialComment: string,
    private readonly actions: DecisionFormActions,
  ) {
    this.comment = el('vscode-textarea', {
      id: 'comment',
      rows: '3',
      maxlength: '2000',
      placeholder: 'Comment: optional to approve, required to reject (what you checked, or what is wrong)',
      'aria-label': 'Comment',
    });
    // No resize handle: the element draws it with a data: image, which the panel's img-src does not allow.
    this.comment.setAttribute('resize', 'none');
    this.comment.value = initialComment;
    this.comment.addEventListener('input', () => this.actions.commentChanged(this.comment.value));
    this.approve = el('vscode-button', { id: 'approve', icon: 'check' }, 'Approve');
    this.reject = el('vscode-button', { id: 'reject', icon: 'close', secondary: true }, 'Reject…');
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
    } else if (result.outcome === 'cancelled') {
      this.outcome.className = 'outcome muted';
      this.outcome.append('Nothing was recorded.');
    } else {
      this.outcome.className = 'outcome failed';
      this.outcome.append(
        codicon('error'),
        ' ',
        el('span', { id: 'decision-error' }, `${result.message} (${result.code})`),
        ' ',
        actionLink('Show Logs', () => this.actions.showLogs(), { id: 'show-logs' }),
      );
    }
    this.apply();
  }

  private send(decision: Decision): void {
    if (this.busy || !this.availability.allowed || (decision === 'approve' && this.availability.approveBlocked !== null)) return;
    const comment = this.comment.value.trim();
    if (decision === 'reject' && !comment) {
      this.outcome.className = 'outcome failed';
      this.outcome.setAttribute('role', 'alert');
      this.outcome.replaceChildren(
        codicon('error'),
        ' ',
        el('span', { id: 'decision-error' }, 'Say why you reject it: the reason goes to the requester and the audit log.'),
      );
      this.comment.focus();
      return;
    }
    this.busy = true;
    this.outcome.replaceChildren(el('span', { class: 'muted' }, decision === 'approve' ? 'Approving…' : 'Rejecting…'));
    this.outcome.className = 'outcome';
    this.apply();
    this.actions.decide(decision, comment);
  }

  private apply(): void {
    const disabled = this.busy || !this.availability.allowed;
    this.approve.disabled = disabled || this.availability.approveBlocked !== null;
    this.reject.disabled = disabled;
    this.comment.disabled = !this.availability.allowed;
    const explanation = this.availability.allowed ? this.availability.approveBlocked : this.availability.explanation;
    this.explanation.hidden = explanation === null;
    this.explanation.replaceChildren(...(explanation ? [codicon('info'), ' ', explanation] : []));
  }
}
