/**
 * A `.sop` collection: a team's, service's or company's processes grouped into sections, key for
 * key as OSOP's sop.schema.json. Open like the schema: unknown keys are kept.
 */
export interface Collection {
  sop_version: '1.0';
  id: string;
  name: string;
  description?: string;
  author?: string;
  version?: string;
  base_url?: string;
  tags?: string[];
  sections: CollectionSection[];
  [key: string]: unknown;
}

export interface CollectionSection {
  name: string;
  description?: string;
  workflows: CollectionEntry[];
  [key: string]: unknown;
}

export interface CollectionEntry {
  /** Path of a `.osop` file, relative to the `.sop` file. */
  ref: string;
  title?: string;
  description?: string;
  [key: string]: unknown;
}

/** Pure; every workflow reference in a collection, in document order. */
export function collectionRefs(collection: Collection): string[] {
  return collection.sections.flatMap((section) => section.workflows.map((entry) => entry.ref));
}
