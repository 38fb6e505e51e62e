import type { JsonPath } from './diagnostic';
import { duplicateNameFindings } from './duplicateNames';
import type { Finding } from './finding';
import { extend, type PathLink, toPath } from './pathLink';
import { asObject, field, type JsonObject, stringField } from '../json/jsonObject';

/**
 * Processor rules beyond the schema (DAG.md §4): an extractor has fields, a classifier at least two distinct
 * classes, classes are not repeated, and sibling fields have distinct names (at every nesting level).
 */
export function processorFindings(artifact: JsonObject): Finding[] {
  const spec = asObject(field(artifact, 'spec'));
  if (!spec) return [];
  const findings: Finding[] = [];
  const type = field(spec, 'processor_type');
  const fields = field(spec, 'fields');
  const classes = field(spec, 'classes');
  if (type === 'extractor' && !(Array.isArray(fields) && fields.length > 0)) {
    findings.push({
      code: 'extractor-without-fields',
      message: 'an extractor needs at least one field to extract',
      path: ['spec', fields === undefined ? 'processor_type' : 'fields'],
    });
  }
  if (Array.isArray(classes)) {
    findings.push(
      ...duplicateNameFindings(
        classes.length,
        (i) => (typeof classes[i] === 'string' ? classes[i] : undefined),
        (i) => ['spec', 'classes', i],
        'duplicate-class',
        'class',
      ),
    );
  }
  const distinctClasses = new Set(Array.isArray(classes) ? classes.filter((c) => typeof c === 'string') : []);
  if (type === 'classifier' && distinctClasses.size < 2) {
    findings.push({
      code: 'classifier-too-few-classes',
      message: `a classifier needs at least two distinct classes (has ${distinctClasses.size})`,
      path: ['spec', classes === undefined ? 'processor_type' : 'classes'],
    });
  }
  if (Array.isArray(fields)) findings.push(...siblingFieldFindings(fields, ['spec', 'fields']));
  return findings;
}

/** Walks `fields` and every `children` list iteratively: nesting depth comes from the user. */
function siblingFieldFindings(root: readonly unknown[], rootPath: JsonPath): Finding[] {
  const findings: Finding[] = [];
  const stack: Array<{ list: readonly unknown[]; path: PathLink | JsonPath }> = [{ list: root, path: rootPath }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { list, path } = next;
    findings.push(
      ...duplicateNameFindings(
        list.length,
        (i) => stringField(list[i], 'name'),
        (i) => toPath(extend(path, i, 'name')),
        'duplicate-field-name',
        'field',
      ),
    );
    list.forEach((entry, index) => {
      const children = field(asObject(entry), 'children');
      if (Array.isArray(children)) stack.push({ list: children, path: extend(path, index, 'children') });
    });
  }
  return findings;
}
