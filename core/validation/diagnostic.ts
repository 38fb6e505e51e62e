/** A position in a text: zero-based line and character (UTF-16 code units), as VS Code and LSP count them. */
export interface TextPosition {
  line: number;
  character: number;
}

/** The exact span of the JSON node a diagnostic is about. */
export interface TextRange {
  offset: number;
  length: number;
  start: TextPosition;
  end: TextPosition;
}

/** A path into a JSON value: object keys and array indexes, outermost first. */
export type JsonPath = ReadonlyArray<string | number>;

export type Severity = 'error' | 'warning';

/** Another place that explains a diagnostic (e.g. each node on a dependency cycle). */
export interface RelatedLocation {
  message: string;
  path: JsonPath;
  range: TextRange;
  /** File path when the related place is in another file; absent means the same file. */
  file?: string;
}

/** Replace `length` code units at `offset` with `newText` (offsets into the validated text). */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** A quick fix as plain data: applying all its edits to the text repairs the problem. */
export interface DiagnosticFix {
  title: string;
  edits: TextEdit[];
}

/** One problem found by validation. Validators return these; they never throw. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  path: JsonPath;
  range: TextRange;
  related?: RelatedLocation[];
  /** The preferred quick fix (the first of `fixes`). */
  fix?: DiagnosticFix;
  /** Alternative quick fixes, best first. */
  fixes?: DiagnosticFix[];
}
