import { printParseErrorCode, stripComments, visit } from 'jsonc-parser';

/** A syntax problem in a JSON text, at `offset` for `length` code units. */
export interface JsonSyntaxError {
  offset: number;
  length: number;
  message: string;
}

export type JsonParseResult = { ok: true; value: unknown; hasComments: boolean } | { ok: false; errors: JsonSyntaxError[] };

const syntaxMessages: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected (a trailing comma is not allowed)',
  ValueExpected: 'value expected (a trailing comma is not allowed)',
  ColonExpected: '":" expected',
  CommaExpected: '"," expected',
  CloseBraceExpected: '"}" expected',
  CloseBracketExpected: '"]" expected',
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'incomplete number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string (control characters must be escaped)',
};

/**
 * Parses JSON, or JSON with comments. `JSON.parse` does the work (it is several times faster than any
 * tokenizer that keeps positions, and it is iterative, so depth cannot overflow the stack); jsonc-parser only
 * runs when that fails, to locate syntax errors or, when there are none, to strip the comments.
 */
export function parseJsonText(text: string): JsonParseResult {
  // A byte-order mark is not JSON whitespace; a space keeps every offset where it was.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const direct = tryParse(source);
  if (direct.ok) return { ok: true, value: direct.value, hasComments: false };
  const errors = syntaxErrors(source);
  if (errors !== undefined && errors.length > 0) return { ok: false, errors };
  // No syntax error but comments (or nesting too deep for the tokenizer to tell).
  const withoutComments = tryParse(stripComments(source, ' '));
  if (withoutComments.ok) return { ok: true, value: withoutComments.value, hasComments: true };
  return { ok: false, errors: errors?.length ? errors : [errorAtReportedPosition(source, direct.message)] };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * jsonc-parser's syntax errors (comments allowed), one per mistake, or undefined when its recursive parser runs
 * out of stack. After an error the parser's recovery reports the same mistake again and again (an unterminated
 * string becomes a run of "unexpected character" and "',' expected"; `,}` lacks both a property and a value), so
 * a later error counts only once the parser is back in step: a property or value parsed cleanly since the last
 * error, then a separator after it.
 */
function syntaxErrors(text: string): JsonSyntaxError[] | undefined {
  const errors: JsonSyntaxError[] = [];
  let inStep = true;
  let cleanSinceError = true;
  const clean = () => {
    cleanSinceError = true;
  };
  try {
    visit(
      text,
      {
        onObjectProperty: clean,
        onLiteralValue: clean,
        onObjectEnd: clean,
        onArrayEnd: clean,
        onSeparator: () => {
          if (cleanSinceError) inStep = true;
        },
        onError: (code, offset, length) => {
          cleanSinceError = false;
          if (!inStep) return;
          inStep = false;
          errors.push({ offset, length, message: syntaxMessages[printParseErrorCode(code)] ?? 'invalid JSON' });
        },
      },
      { disallowComments: false, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch {
    return undefined;
  }
  return errors;
}

/** For what jsonc-parser tolerates but JSON does not (e.g. a no-break space between tokens). */
function errorAtReportedPosition(text: string, parseMessage: string): JsonSyntaxError {
  const position = /at position (\d+)/.exec(parseMessage);
  const offset = position ? Number(position[1]) : 0;
  return { offset, length: offset < text.length ? 1 : 0, message: parseMessage };
}
