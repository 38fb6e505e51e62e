import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { forgeConfigSchema, type ForgeConfig } from './forgeConfig';

export type ForgeConfigResult = { ok: true; config: ForgeConfig } | { ok: false; problems: string[] };

/**
 * Reads forge.json text (comments and trailing commas allowed); undefined text means the file is absent and
 * every default applies. Returns the problems (with line and column or the offending key) instead of throwing.
 */
export function parseForgeConfig(text: string | undefined): ForgeConfigResult {
  let value: unknown = {};
  if (text !== undefined) {
    const errors: ParseError[] = [];
    value = parse(text, errors, { allowTrailingComma: true });
    if (errors.length > 0) return { ok: false, problems: errors.map((error) => describeParseError(text, error)) };
  }
  const result = forgeConfigSchema.safeParse(value);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)),
  };
}

function describeParseError(text: string, error: ParseError): string {
  const before = text.slice(0, error.offset);
  const line = before.split('\n').length;
  const column = error.offset - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}: ${printParseErrorCode(error.error)}`;
}
