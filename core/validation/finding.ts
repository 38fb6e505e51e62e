import type { JsonPath } from './diagnostic';
import type { RuleCode } from './ruleCodes';

/**
 * Which part of the JSON node at a path a diagnostic points to: the value itself, or (for object members) the
 * property name, which is short and precise where the value spans many lines.
 */
export type Anchor = 'value' | 'key';

/** An edit located by path; resolved to offsets only when the file has something to report. */
export interface FindingEdit {
  path: JsonPath;
  /** replace the value or its property name; insert after it; insert just inside its opening or closing bracket */
  at: 'replace' | 'replaceKey' | 'after' | 'startInside' | 'endInside';
  newText: string;
}

export interface FindingFix {
  title: string;
  edits: FindingEdit[];
}

export interface FindingRelated {
  message: string;
  path: JsonPath;
  anchor?: Anchor;
  /** Repository path of another file; absent means the same file. */
  file?: string;
}

/** A diagnostic before it has a range: rules produce these, ranges are computed once per file. */
export interface Finding {
  code: RuleCode;
  message: string;
  path: JsonPath;
  anchor?: Anchor;
  related?: FindingRelated[];
  fixes?: FindingFix[];
}

/** Quotes a value for a message the way it appears in the file. */
export function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
