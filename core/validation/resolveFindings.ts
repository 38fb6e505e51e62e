import type { TextLocations } from '../json/textLocations';
import type { Diagnostic, DiagnosticFix, RelatedLocation, TextEdit } from './diagnostic';
import type { Finding, FindingEdit } from './finding';
import { ruleCodes } from './ruleCodes';

/** Locations of the validated file (`undefined`) and, when known, of other files by repository path. */
export type LocationsOf = (file: string | undefined) => TextLocations | undefined;

/** Registers every path the findings will need, so each file is located in a single pass. */
export function wantFindingPaths(findings: readonly Finding[], locationsOf: LocationsOf): void {
  for (const finding of findings) {
    locationsOf(undefined)?.want(finding.path);
    for (const related of finding.related ?? []) locationsOf(related.file)?.want(related.path);
    for (const fix of finding.fixes ?? []) for (const edit of fix.edits) locationsOf(undefined)?.want(edit.path);
  }
}

/** Turns findings into diagnostics with exact ranges, ordered by position. */
export function resolveFindings(findings: readonly Finding[], locationsOf: LocationsOf): Diagnostic[] {
  wantFindingPaths(findings, locationsOf);
  const own = locationsOf(undefined);
  const diagnostics = findings.map((finding): Diagnostic => {
    const diagnostic: Diagnostic = {
      code: finding.code,
      severity: ruleCodes[finding.code].severity,
      message: finding.message,
      path: finding.path,
      range: own ? own.range(finding.path, finding.anchor) : zeroRange,
    };
    if (finding.related?.length) {
      diagnostic.related = finding.related.map((related): RelatedLocation => {
        const where = locationsOf(related.file);
        const location: RelatedLocation = {
          message: related.message,
          path: related.path,
          range: where ? where.range(related.path, related.anchor) : zeroRange,
        };
        if (related.file !== undefined) location.file = related.file;
        return location;
      });
    }
    const fixes = own ? resolveFixes(finding, own) : [];
    if (fixes.length > 0) {
      diagnostic.fix = fixes[0];
      diagnostic.fixes = fixes;
    }
    return diagnostic;
  });
  return diagnostics.sort((a, b) => a.range.offset - b.range.offset || a.range.length - b.range.length);
}

function resolveFixes(finding: Finding, locations: TextLocations): DiagnosticFix[] {
  const fixes: DiagnosticFix[] = [];
  for (const fix of finding.fixes ?? []) {
    const edits = fix.edits.map((edit) => resolveEdit(edit, locations));
    if (edits.every((edit): edit is TextEdit => edit !== undefined)) fixes.push({ title: fix.title, edits });
  }
  return fixes;
}

function resolveEdit(edit: FindingEdit, locations: TextLocations): TextEdit | undefined {
  const span = locations.span(edit.path);
  if (!span) return undefined;
  const end = span.offset + span.length;
  switch (edit.at) {
    case 'replace':
      return { offset: span.offset, length: span.length, newText: edit.newText };
    case 'replaceKey':
      return span.key ? { offset: span.key.offset, length: span.key.length, newText: edit.newText } : undefined;
    case 'after':
      return { offset: end, length: 0, newText: edit.newText };
    case 'startInside':
      return { offset: span.offset + 1, length: 0, newText: edit.newText };
    case 'endInside':
      return { offset: end - 1, length: 0, newText: edit.newText };
  }
}

const zeroRange = { offset: 0, length: 0, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
