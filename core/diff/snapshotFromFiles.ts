import { parse, type ParseError } from 'jsonc-parser';
import { artifactKinds, type ArtifactKind } from '../artifacts/artifactKind';
import { asName, fieldOf } from './jsonShape';
import type { SnapshotArtifact } from './diffSnapshots';

/** A repository file to put into a snapshot, with the kind its path implies (by the artifact globs), if any. */
export interface SnapshotSourceFile {
  path: string;
  text: string;
  kind?: ArtifactKind;
}

/**
 * Builds snapshot artifacts from repository files. Kind and name come from the envelope, falling back to the
 * kind of the path and the file name, so a broken file still takes part in a diff (its content is then the
 * raw text). Files whose kind cannot be told are left out.
 */
export function snapshotFromFiles(files: readonly SnapshotSourceFile[]): SnapshotArtifact[] {
  const artifacts: SnapshotArtifact[] = [];
  for (const file of files) {
    const errors: ParseError[] = [];
    const value: unknown = parse(file.text, errors, { allowTrailingComma: true });
    const content = errors.length === 0 ? value : file.text;
    const kind = asKind(fieldOf(content, 'kind')) ?? file.kind;
    if (!kind) continue;
    const name = asName(fieldOf(content, 'name')) ?? baseName(file.path);
    artifacts.push({ kind, name, path: file.path, content });
  }
  return artifacts;
}

function asKind(value: unknown): ArtifactKind | undefined {
  return artifactKinds.find((kind) => kind === value);
}

function baseName(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.replace(/\.jsonc?$/i, '');
}
