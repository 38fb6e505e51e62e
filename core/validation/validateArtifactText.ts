import { addCrossArtifactFindings, checkFile, finishFile } from './checkedFile';
import type { ArtifactEntry } from './crossArtifactRules';
import type { FileValidation } from './validateRepository';

/**
 * Validates one artifact document (the editor calls this per change). With `repository` — the other
 * artifacts of the repository, e.g. from the last `validateRepository` — the cross-artifact rules run too;
 * related locations in other files then point at their start. Never throws.
 */
export function validateArtifactText(text: string, path: string, repository?: readonly ArtifactEntry[]): FileValidation {
  const file = checkFile({ path, text });
  if (repository && file.syntaxErrors.length === 0) addCrossArtifactFindings(file, repository);
  return finishFile(file, (other) => (other === undefined ? file.locations : undefined));
}
