import type { HoldoutDoc } from '../import-holdout/holdout-types.js';

/**
 * An outline of one document of ../shared/corpus/sopdocs-more, written by hand from the document
 * before the importer was run on it: the hold-out outline plus the source (one organisation's
 * repository, for leave-one-source-out figures) and the conversions the runner makes.
 */
export interface CorpusDoc extends Omit<HoldoutDoc, 'convert'> {
  /** Source repository (owner/name), as listed in the corpus README. */
  source: string;
  /** Also score this document converted to these formats (made in a temp dir, never committed). */
  convert?: ('docx' | 'pdf' | 'html')[];
}
