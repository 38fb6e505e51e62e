import type { ArtifactKind } from '../artifacts/artifactKind';
import type { ArtifactReference } from './analyzeArtifact';
import { type Finding, quote } from './finding';
import { nearestNames } from '../text/nearestNames';

/** An artifact of the repository as the cross-artifact rules see it. */
export interface ArtifactEntry {
  kind: ArtifactKind;
  name: string;
  /** Repository path of the file. */
  path: string;
}

/** unresolved-reference: `params.agent` / `params.processor` names no artifact of that kind. */
export function unresolvedReferenceFindings(references: readonly ArtifactReference[], namesOf: (kind: ArtifactKind) => ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const reference of references) {
    const names = namesOf(reference.kind);
    if (names.has(reference.name)) continue;
    const fixes = nearestNames(reference.name, names).map((name) => ({
      title: `Change to ${quote(name)}`,
      edits: [{ path: reference.path, at: 'replace' as const, newText: JSON.stringify(name) }],
    }));
    findings.push({
      code: 'unresolved-reference',
      message: `no ${reference.kind} named ${quote(reference.name)} in the repository`,
      path: reference.path,
      fixes,
    });
  }
  return findings;
}

/** duplicate-artifact-name: reported in every file sharing a kind and name, pointing at the others. */
export function duplicateArtifactFinding(self: ArtifactEntry, others: readonly ArtifactEntry[]): Finding | undefined {
  if (others.length === 0) return undefined;
  return {
    code: 'duplicate-artifact-name',
    message: `${self.kind} name ${quote(self.name)} is also used by ${others.map((other) => other.path).join(', ')}`,
    path: ['name'],
    related: others.map((other) => ({ message: `the other ${self.kind} named ${quote(self.name)}`, path: ['name'], file: other.path })),
  };
}
