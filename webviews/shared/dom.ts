import { localTime, relativeTime } from './timeText';

/** A child of an element built with `el`: nodes, text, or nothing (skipped). */
type Child = Node | string | null | undefined | false;

/** Attributes set with setAttribute; `true` sets an empty (boolean) attribute, `false` / undefined skip it. */
type Attributes = Record<string, string | boolean | undefined>;

/**
 * Builds an element. Text always goes in as text nodes, never as markup, so nothing the service returns can
 * inject HTML into the panel.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, attributes?: Attributes, ...children: Child[]): HTMLElement;
export function el(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** A codicon (`@vscode/codicons` class names), hidden from screen readers. */
export function codicon(name: string, extraClass = ''): HTMLElement {
  return el('span', { class: `codicon codicon-${name} ${extraClass}`.trim(), 'aria-hidden': 'true' });
}

/** A titled section of the panel. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return el('section', { id, 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title` }, title), ...children);
}

/** A time element: relative ("5 min. ago") with the local date and time as its tooltip. */
export function timeElement(iso: string, now: number, attributes: Record<string, string> = {}): HTMLElement {
  return el('time', { datetime: iso, title: localTime(iso), ...attributes }, relativeTime(iso, now));
}

/** A link-styled button that runs `onClick` (keyboard and screen readers see a button). */
export function actionLink(label: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLElement {
  const link = el('a', { href: '#', role: 'button', ...attributes }, label);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    onClick();
  });
  return link;
}
