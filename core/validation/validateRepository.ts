import type { ArtifactKind } from '../artifacts/artifactKind';
import type { Diagnostic } from './diagnostic';

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
  // PLACEHOLDER until the validator lands: same signature, real implementation replaces this body.
  return { files: files.map((f) => ({ path: f.path, diagnostics: [] })), errors: 0, warnings: 0 };
}
