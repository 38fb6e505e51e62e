import type { ChangeDrafts } from './changeDraft';
import { keyPath } from './changePath';
import { diffKeys, diffGeneric, type ValueDiffer } from './diffGeneric';
import { asRecord, asRecordPair, describeValue, ownField, type JsonRecord } from './jsonShape';
import { sameContent } from './sameContent';

/**
 * Which side of a contract a JSON Schema describes: `input` is what callers send (workflow `inputs`, an
 * agent's `input_schema`), `output` is what consumers receive (`outputs`, `output_schema`). Tightening an
 * input breaks callers; loosening an output breaks consumers.
 */
export type SchemaRole = 'input' | 'output';

/** Diffs two JSON Schemas as a contract (DAG.md §6): removed properties, required and type changes. */
export function diffSchema(path: string, before: unknown, after: unknown, role: SchemaRole, out: ChangeDrafts): void {
  if (sameContent(before, after)) return;
  const records = asRecordPair(before, after);
  if (!records) {
    diffGeneric(path, before, after, out);
    return;
  }
  const [previous, next] = records;
  const nested: ValueDiffer = (itemPath, itemBefore, itemAfter, itemOut) => diffSchema(itemPath, itemBefore, itemAfter, role, itemOut);
  diffKeys(path, previous, next, { type: diffType, items: nested, properties: ignore, required: ignore }, out);
  diffProperties(path, previous, next, role, out);
}

const ignore: ValueDiffer = () => undefined;

const diffType: ValueDiffer = (path, before, after, out) => {
  if (sameContent(typeSet(before), typeSet(after))) return;
  out.push({ path, change: `type changed from ${describeValue(before)} to ${describeValue(after)}`, bump: 'major' });
};

/** `"string"` and `["string"]` declare the same type. */
function typeSet(type: unknown): unknown {
  return typeof type === 'string' ? [type] : type;
}

function diffProperties(path: string, before: JsonRecord, after: JsonRecord, role: SchemaRole, out: ChangeDrafts): void {
  const propertiesPath = keyPath(path, 'properties');
  const requiredPath = keyPath(path, 'required');
  const oldProperties = asRecord(ownField(before, 'properties')) ?? {};
  const newProperties = asRecord(ownField(after, 'properties')) ?? {};
  const oldRequired = requiredNames(before);
  const newRequired = requiredNames(after);
  const names = new Set([...Object.keys(oldProperties), ...Object.keys(newProperties), ...oldRequired, ...newRequired]);
  for (const name of names) {
    const propertyPath = keyPath(propertiesPath, name);
    const declaredBefore = Object.hasOwn(oldProperties, name);
    const declaredAfter = Object.hasOwn(newProperties, name);
    if (declaredBefore && !declaredAfter) {
      out.push({ path: propertyPath, change: `${role} property "${name}" removed`, bump: 'major' });
    } else if (!declaredBefore && declaredAfter) {
      out.push(addedProperty(propertyPath, name, newRequired.has(name), role));
    } else {
      if (declaredBefore) diffSchema(propertyPath, ownField(oldProperties, name), ownField(newProperties, name), role, out);
      const change = requiredChange(name, oldRequired.has(name), newRequired.has(name), role);
      if (change) out.push({ path: requiredPath, ...change });
    }
  }
}

function addedProperty(path: string, name: string, required: boolean, role: SchemaRole) {
  if (role === 'output') return { path, change: `new output property "${name}"`, bump: 'minor' as const };
  return required
    ? { path, change: `required input property "${name}" added`, bump: 'major' as const }
    : { path, change: `optional input property "${name}" added`, bump: 'minor' as const };
}

function requiredChange(name: string, wasRequired: boolean, isRequired: boolean, role: SchemaRole) {
  if (wasRequired === isRequired) return undefined;
  if (role === 'input') {
    return isRequired
      ? { change: `input property "${name}" is now required`, bump: 'major' as const }
      : { change: `input property "${name}" is no longer required`, bump: 'minor' as const };
  }
  return isRequired
    ? { change: `output property "${name}" is now always present`, bump: 'minor' as const }
    : { change: `output property "${name}" is no longer guaranteed`, bump: 'major' as const };
}

function requiredNames(schema: JsonRecord): Set<string> {
  const required = ownField(schema, 'required');
  return new Set(Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : []);
}
