import { basename, extname } from 'node:path';
import type { VersionCreate, VersionArtifact } from '../../core/api/version';
import { canonicalJson } from '../../core/json/canonicalJson';
import { contentHash } from '../../core/json/contentHash';
import type { SnapshotArtifact } from '../../core/diff/diffSnapshots';
import { validateRepository } from '../../core/validation/validateRepository';

/** One artifact of a bundle as stored: metadata, canonical content, and what validation found. */
export interface BundleArtifact extends VersionArtifact {
  content: string;
  /** The parsed JSON, when the file is JSON (what the DAG diff compares). */
  value: unknown;
}

/** A validated bundle: its artifacts, whether any has an error, and a hash over every artifact hash. */
export interface Bundle {
  artifacts: BundleArtifact[];
  valid: boolean;
  hash: string;
}

/**
 * Validates the uploaded files with core (the client's word is never trusted: kind and name come from the file
 * when it can be read) and computes each artifact's hash over its canonical JSON.
 */
export function buildBundle(uploads: VersionCreate['artifacts']): Bundle {
  const validation = validateRepository(uploads.map((u) => ({ path: u.path, text: u.content })));
  const byPath = new Map(validation.files.map((file) => [file.path, file]));
  const artifacts = uploads.map((upload): BundleArtifact => {
    const file = byPath.get(upload.path);
    const value = file?.artifact ? file.artifact.value : parseJson(upload.content);
    const isJson = value !== undefined;
    return {
      kind: file?.artifact?.kind ?? upload.kind,
      name: file?.artifact?.name ?? nameOf(value, upload.path),
      path: upload.path,
      hash: contentHash(isJson ? value : upload.content),
      content: isJson ? canonicalJson(value) : upload.content,
      value,
      diagnostics: (file?.diagnostics ?? []).map(({ code, severity, message, range }) => ({ code, severity, message, range })),
    };
  });
  return {
    artifacts,
    valid: validation.errors === 0 && artifacts.every((a) => a.diagnostics.every((d) => d.severity !== 'error')),
    hash: contentHash([...artifacts].sort((a, b) => (a.path < b.path ? -1 : 1)).map((a) => [a.path, a.hash])),
  };
}

/** The bundle's JSON artifacts as a diff snapshot. */
export function snapshotOf(bundle: Bundle): SnapshotArtifact[] {
  return bundle.artifacts.filter((a) => a.value !== undefined).map((a) => ({ kind: a.kind, name: a.name, path: a.path, content: a.value }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function nameOf(value: unknown, path: string): string {
  const declared = (value as { name?: unknown } | null | undefined)?.name;
  return typeof declared === 'string' && declared.length > 0 ? declared : basename(path, extname(path));
}
