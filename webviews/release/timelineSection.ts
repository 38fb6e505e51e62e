import { codicon, el, section, timeElement } from '../shared/dom';
import type { ReleaseDetailsState, TimelineStep } from './protocol';

const stepIcons: Record<TimelineStep['state'], string> = {
  done: 'pass-filled',
  current: 'loading',
  failed: 'error',
  skipped: 'circle-slash',
  upcoming: 'circle-large-outline',
};

/** The release's life as an ordered list of steps, each with its state, time and what happened. */
export function timelineSection(state: ReleaseDetailsState, now: number): HTMLElement | null {
  if (state.timeline.length === 0) return null;
  return section(
    'timeline',
    'Timeline',
    el(
      'ol',
      { class: 'timeline' },
      ...state.timeline.map((step) =>
        el(
          'li',
          { class: `step step-${step.state}`, 'data-step': step.id, 'aria-label': `${step.title}: ${step.state}` },
          codicon(step.state === 'current' ? 'loading' : stepIcons[step.state], step.state === 'current' ? 'codicon-modifier-spin' : ''),
          el('span', { class: 'step-title' }, step.title),
          step.at ? timeElement(step.at, now, { class: 'muted step-time' }) : el('span', { class: 'muted step-time' }, ''),
          el('span', { class: 'step-detail' }, step.detail ?? ''),
        ),
      ),
    ),
  );
}
