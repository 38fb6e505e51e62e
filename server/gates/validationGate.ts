import type { Gate } from './gate';

/** `validation`: every artifact of the version validated with no error (the server's own validation). */
export const validationGate: Gate = {
  name: 'validation',
  async evaluate({ version }) {
    const failing = version.artifacts.filter((a) => a.diagnostics.some((d) => d.severity === 'error'));
    if (version.valid && failing.length === 0) {
      return { gate: 'validation', passed: true, reason: `all ${version.artifacts.length} artifacts validate` };
    }
    const listed = failing.slice(0, 5).map((a) => `${a.path} (${[...new Set(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].join(', ')})`);
    const more = failing.length > 5 ? ` and ${failing.length - 5} more` : '';
    return { gate: 'validation', passed: false, reason: `${failing.length} artifact(s) have validation errors: ${listed.join('; ')}${more}` };
  },
};
