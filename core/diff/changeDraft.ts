import type { Bump } from './bump';

/** A change found inside one artifact, before the artifact's kind, name and file are attached. */
export interface ChangeDraft {
  path: string;
  change: string;
  bump: Bump;
}

/** Where the differs of one artifact collect what they find. */
export type ChangeDrafts = ChangeDraft[];
