/** The three kinds of artifact a workflow repository holds. */
export const artifactKinds = ['workflow', 'agent', 'processor'] as const;
export type ArtifactKind = (typeof artifactKinds)[number];
