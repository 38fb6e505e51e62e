/** A `Content-Disposition` that saves the body as `fileName` (plain ASCII names: no quoting beyond the quotes). */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
