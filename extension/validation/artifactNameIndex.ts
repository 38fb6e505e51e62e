import type { ArtifactKind } from '../../core/artifacts/artifactKind';
import type { ArtifactEntry } from '../../core/validation/crossArtifactRules';
import type { FileValidation } from '../../core/validation/validateRepository';

/**
 * The artifact each file of one repository declares (kind and name), kept from validation results so one
 * edited document can be validated against the rest of the repository without re-reading it.
 */
export class ArtifactNameIndex {
  private readonly byPath = new Map<string, ArtifactEntry>();

  entries(): ArtifactEntry[] {
    return [...this.byPath.values()];
  }

  kindOf(path: string): ArtifactKind | undefined {
    return this.byPath.get(path)?.kind;
  }

  /** Rebuilds the index from a whole-repository validation. */
  replaceAll(files: readonly FileValidation[]): void {
    this.byPath.clear();
    for (const file of files) this.update(file.path, file.artifact);
  }

  /** Records what a file declares now (undefined: nothing readable, or the file is gone); returns the kinds whose names changed. */
  update(path: string, artifact: { kind: ArtifactKind; name: string } | undefined): ArtifactKind[] {
    const before = this.byPath.get(path);
    if (before?.kind === artifact?.kind && before?.name === artifact?.name) return [];
    if (artifact) this.byPath.set(path, { kind: artifact.kind, name: artifact.name, path });
    else this.byPath.delete(path);
    return [...new Set([before?.kind, artifact?.kind].filter((kind): kind is ArtifactKind => kind !== undefined))];
  }
}
