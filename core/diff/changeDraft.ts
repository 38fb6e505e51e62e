import type { Bump } from './bump';

/** A change found inside one artifact, before the artifact's kind, name and file are attached. */
export interface ChangeDraft {
  path: string;
  change: string;
  bump: Bump;
  /** The whole old and new text when a text value changed, so a reader can see where (descriptions are shortened). */
  before?: string;
  after?: string;
}

/** Where the differs of one artifact collect what they find. */
export type ChangeDrafts = ChangeDraft[];
