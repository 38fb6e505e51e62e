import type { ChangeDrafts } from './changeDraft';
import { diffEntities } from './diffEntities';
import { diffGeneric, diffObject, differAt, type ValueDiffer } from './diffGeneric';
import { asName, asRecord, describeValue, fieldOf } from './jsonShape';
import { sameContent } from './sameContent';

/** Diffs two processor specs: its fields (matched by name, recursively) and its classes. */
export function diffProcessorSpec(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffObject(
    path,
    before,
    after,
    {
      processor_type: differAt('major'),
      fields: diffFieldList,
      classes: diffClasses,
      document_prompt: differAt('minor'),
    },
    out,
  );
}

interface NamedEntry {
  path: string;
  name: string;
  entry: unknown;
}

/** Fields are matched by name; a removed field whose twin (same content but name) was added is a rename. */
function diffFieldList(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  const removed: NamedEntry[] = [];
  const added: NamedEntry[] = [];
  diffEntities(
    path,
    before,
    after,
    {
      idOf: (field) => asName(fieldOf(field, 'name')),
      removed: (p, name, entry) => removed.push({ path: p, name, entry }),
      added: (p, name, entry) => added.push({ path: p, name, entry }),
      kept: diffField,
    },
    out,
  );
  for (const gone of removed) {
    const twin = added.findIndex((candidate) => sameContent(withoutName(candidate.entry), withoutName(gone.entry)));
    if (twin >= 0) {
      const [renamed] = added.splice(twin, 1);
      out.push({ path: gone.path, change: `field "${gone.name}" renamed to "${renamed?.name ?? ''}"`, bump: 'major' });
    } else {
      out.push({ path: gone.path, change: `field "${gone.name}" removed`, bump: 'major' });
    }
  }
  for (const field of added) {
    const required = occurrenceOf(fieldOf(field.entry, 'occurrence'))?.required ?? false;
    out.push(
      required
        ? { path: field.path, change: `required field "${field.name}" added`, bump: 'major' }
        : { path: field.path, change: `optional field "${field.name}" added`, bump: 'minor' },
    );
  }
}

function diffField(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffObject(path, before, after, { data_type: differAt('major'), occurrence: diffOccurrence, children: diffFieldList }, out);
}

const diffOccurrence: ValueDiffer = (path, before, after, out) => {
  const previous = occurrenceOf(before);
  const next = occurrenceOf(after);
  if (!previous || !next) {
    diffGeneric(path, before, after, out);
  } else if (previous.required !== next.required) {
    out.push(
      next.required
        ? { path, change: `field made required (${describeValue(before)} → ${describeValue(after)})`, bump: 'major' }
        : { path, change: `field made optional (${describeValue(before)} → ${describeValue(after)})`, bump: 'minor' },
    );
  } else if (previous.multiple !== next.multiple) {
    // ONCE ↔ MULTIPLE changes the shape of the extracted value (a value or a list).
    out.push({ path, change: `occurrence changed from ${describeValue(before)} to ${describeValue(after)}`, bump: 'major' });
  }
};

const occurrencePattern = /^(OPTIONAL|REQUIRED)_(ONCE|MULTIPLE)$/;

/** Reads `REQUIRED_ONCE` and its siblings; an absent occurrence is optional and single. */
function occurrenceOf(value: unknown): { required: boolean; multiple: boolean } | undefined {
  if (value === undefined) return { required: false, multiple: false };
  const match = typeof value === 'string' ? occurrencePattern.exec(value) : null;
  return match ? { required: match[1] === 'REQUIRED', multiple: match[2] === 'MULTIPLE' } : undefined;
}

function withoutName(field: unknown): unknown {
  const record = asRecord(field);
  if (!record) return field;
  const { name: _name, ...rest } = record;
  return rest;
}

/** Classes are plain labels or objects with a name. */
function diffClasses(path: string, before: unknown, after: unknown, out: ChangeDrafts): void {
  diffEntities(
    path,
    before,
    after,
    {
      idOf: (entry) => asName(entry) ?? asName(fieldOf(entry, 'name')),
      removed: (p, name, _entry, o) => o.push({ path: p, change: `class "${name}" removed`, bump: 'major' }),
      added: (p, name, _entry, o) => o.push({ path: p, change: `class "${name}" added`, bump: 'minor' }),
      kept: (p, b, a, o) => diffGeneric(p, b, a, o),
    },
    out,
  );
}
