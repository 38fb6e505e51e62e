import type { ArtifactKind } from '../artifacts/artifactKind';
import { parseJsonText } from '../json/parseJsonText';
import { TextLocations } from '../json/textLocations';
import { analyzeArtifact, type ArtifactAnalysis } from './analyzeArtifact';
import { type ArtifactEntry, duplicateArtifactFinding, unresolvedReferenceFindings } from './crossArtifactRules';
import type { Diagnostic } from './diagnostic';
import type { Finding } from './finding';
import { type LocationsOf, resolveFindings } from './resolveFindings';
import { ruleCodes } from './ruleCodes';
import type { FileValidation, SourceFile } from './validateRepository';

/** One file between analysis and its final diagnostics. */
export interface CheckedFile {
  path: string;
  locations: TextLocations;
  syntaxErrors: Diagnostic[];
  analysis?: ArtifactAnalysis;
  findings: Finding[];
}

/** Parses and analyses one file on its own. */
export function checkFile(file: SourceFile): CheckedFile {
  const locations = new TextLocations(file.text);
  if (file.text.trim() === '') {
    const empty: Diagnostic = {
      code: 'invalid-json',
      severity: ruleCodes['invalid-json'].severity,
      message: 'empty file: an artifact is a JSON object',
      path: [],
      range: locations.rangeAt(0, 0),
    };
    return { path: file.path, locations, syntaxErrors: [empty], findings: [] };
  }
  const parsed = parseJsonText(file.text);
  if (!parsed.ok) {
    const syntaxErrors = parsed.errors.map((error): Diagnostic => ({
      code: 'invalid-json',
      severity: ruleCodes['invalid-json'].severity,
      message: `invalid JSON: ${error.message}`,
      path: [],
      range: locations.rangeAt(error.offset, error.length),
    }));
    return { path: file.path, locations, syntaxErrors, findings: [] };
  }
  const analysis = analyzeArtifact(parsed.value);
  return { path: file.path, locations, syntaxErrors: [], analysis, findings: [...analysis.findings] };
}

/** The artifact a checked file declares, if its envelope is readable. */
export function entryOf(file: CheckedFile): ArtifactEntry | undefined {
  const artifact = file.analysis?.artifact;
  return artifact ? { kind: artifact.kind, name: artifact.name, path: file.path } : undefined;
}

/** Adds the rules that need the rest of the repository: unresolved-reference, duplicate-artifact-name. */
export function addCrossArtifactFindings(file: CheckedFile, others: readonly ArtifactEntry[]): void {
  const namesByKind = new Map<ArtifactKind, Set<string>>();
  for (const entry of others) {
    if (entry.path === file.path) continue;
    const names = namesByKind.get(entry.kind) ?? new Set<string>();
    names.add(entry.name);
    namesByKind.set(entry.kind, names);
  }
  file.findings.push(...unresolvedReferenceFindings(file.analysis?.references ?? [], (kind) => namesByKind.get(kind) ?? new Set()));
  const self = entryOf(file);
  if (!self) return;
  const clash = others.filter((entry) => entry.path !== file.path && entry.kind === self.kind && entry.name === self.name);
  const duplicate = duplicateArtifactFinding(self, clash);
  if (duplicate) file.findings.push(duplicate);
}

/** Final diagnostics of a checked file; `locationsOf` resolves related places in other files. */
export function finishFile(file: CheckedFile, locationsOf: LocationsOf): FileValidation {
  const validation: FileValidation = {
    path: file.path,
    diagnostics: file.syntaxErrors.length > 0 ? file.syntaxErrors : resolveFindings(file.findings, locationsOf),
  };
  const artifact = file.analysis?.artifact;
  if (artifact) validation.artifact = artifact;
  return validation;
}
