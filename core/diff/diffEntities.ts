import type { ChangeDrafts } from './changeDraft';
import { idPath } from './changePath';
import { diffGeneric } from './diffGeneric';
import { asArrayPair, asRecordPair, ownField } from './jsonShape';
import { sameContent } from './sameContent';

/** How to identify the entries of a list (nodes by task_id, tools by name…) and what to report for each. */
export interface EntityRules {
  idOf: (entry: unknown) => string | undefined;
  removed(path: string, id: string, entry: unknown, out: ChangeDrafts): void;
  added(path: string, id: string, entry: unknown, out: ChangeDrafts): void;
  kept(path: string, before: unknown, after: unknown, out: ChangeDrafts, id: string): void;
}

/**
 * Diffs two lists of identified entries, matching entries by id so that order never matters. Entries without
 * a usable id (or repeating one) are compared only as a whole; lists that are not arrays are compared
 * generically.
 */
export function diffEntities(path: string, before: unknown, after: unknown, rules: EntityRules, out: ChangeDrafts): void {
  const lists = asArrayPair(before, after);
  if (!lists) {
    diffGeneric(path, before, after, out);
    return;
  }
  const old = indexEntities(lists[0], rules.idOf);
  const current = indexEntities(lists[1], rules.idOf);
  for (const [id, entry] of old.byId) {
    if (!current.byId.has(id)) rules.removed(idPath(path, id), id, entry, out);
  }
  for (const [id, entry] of current.byId) {
    const previousEntry = old.byId.get(id);
    if (!old.byId.has(id)) rules.added(idPath(path, id), id, entry, out);
    else if (!sameContent(previousEntry, entry)) rules.kept(idPath(path, id), previousEntry, entry, out, id);
  }
  if (!sameContent(old.unidentified, current.unidentified)) {
    out.push({ path, change: 'entries without an id changed', bump: 'patch' });
  }
}

/**
 * Diffs two objects whose keys identify their entries (output sinks, switch cases): each key is removed,
 * added or kept. Values that are not objects are compared generically.
 */
export function diffKeyedEntries(
  path: string,
  before: unknown,
  after: unknown,
  rules: Omit<EntityRules, 'idOf'> & { pathOf(base: string, key: string): string },
  out: ChangeDrafts,
): void {
  const records = asRecordPair(before, after);
  if (!records) {
    diffGeneric(path, before, after, out);
    return;
  }
  const [previous, next] = records;
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    const entryPath = rules.pathOf(path, key);
    if (!Object.hasOwn(next, key)) rules.removed(entryPath, key, ownField(previous, key), out);
    else if (!Object.hasOwn(previous, key)) rules.added(entryPath, key, ownField(next, key), out);
    else if (!sameContent(ownField(previous, key), ownField(next, key))) rules.kept(entryPath, ownField(previous, key), ownField(next, key), out, key);
  }
}

function indexEntities(entries: readonly unknown[], idOf: (entry: unknown) => string | undefined) {
  const byId = new Map<string, unknown>();
  const unidentified: unknown[] = [];
  for (const entry of entries) {
    const id = idOf(entry);
    if (id === undefined || byId.has(id)) unidentified.push(entry);
    else byId.set(id, entry);
  }
  return { byId, unidentified };
}

/** Diffs two lists of plain ids (dependencies, control-flow targets) as sets. */
export function diffIdSet(path: string, before: unknown, after: unknown, report: { removed(id: string): void; added(id: string): void }, out: ChangeDrafts): void {
  const lists = asArrayPair(before, after);
  if (!lists) {
    diffGeneric(path, before, after, out);
    return;
  }
  const old = new Set(lists[0].map(idText));
  const current = new Set(lists[1].map(idText));
  for (const id of old) if (!current.has(id)) report.removed(id);
  for (const id of current) if (!old.has(id)) report.added(id);
}

function idText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}
