import type { ArtifactKind } from '../artifacts/artifactKind';
import { addCrossArtifactFindings, checkFile, entryOf, finishFile } from './checkedFile';
import type { ArtifactEntry } from './crossArtifactRules';
import type { Diagnostic } from './diagnostic';
import { wantFindingPaths } from './resolveFindings';

/** A file of a workflow repository: its repository-relative path and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** What validation learned about one file. `artifact` is present when the envelope could be read. */
export interface FileValidation {
  path: string;
  artifact?: { kind: ArtifactKind; name: string; value: unknown };
  diagnostics: Diagnostic[];
}

export interface RepositoryValidation {
  files: FileValidation[];
  errors: number;
  warnings: number;
}

/** Validates every file and the references between them (DAG.md §5). Never throws. */
export function validateRepository(files: readonly SourceFile[]): RepositoryValidation {
  const checked = files.map(checkFile);
  const entries = checked.map(entryOf).filter((entry): entry is ArtifactEntry => entry !== undefined);
  for (const file of checked) if (file.syntaxErrors.length === 0) addCrossArtifactFindings(file, entries);
  const byPath = new Map(checked.map((file) => [file.path, file]));
  // Register every path first, so each file (including those only named by related locations) is located once.
  for (const file of checked) {
    wantFindingPaths(file.findings, (other) => (other === undefined ? file.locations : byPath.get(other)?.locations));
  }
  const results = checked.map((file) => finishFile(file, (other) => (other === undefined ? file.locations : byPath.get(other)?.locations)));
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { files: results, errors, warnings };
}
