import type { ImportedSource } from '../import-result.js';
import type { Block, SourcePointer } from '../tree/doc-tree.js';
import type { Section } from './sections.js';

/** Per-step facts read from attribute tables (Participants / Who / When / Input / Output / Step id). */
export interface StepAttributes {
  who: string[];
  when?: string;
  inputs: string[];
  outputs: string[];
  stepId?: string;
}

/** A step found by one of the candidate finders, before decisions and roles are resolved. */
export interface StepDraft {
  title: string;
  /** The full sentence the title was cut from, when it was shortened. */
  titleText?: string;
  /** The number the document gives it ("2.3"). */
  label?: string;
  /** Heading slugs that point at this step (for "[step 2](#82-…)" links). */
  anchors: string[];
  from: ImportedSource['from'];
  source: SourcePointer;
  /** Text of the step that is not its title (list item remainder). */
  lead: string;
  /** Blocks describing the step. */
  body: Block[];
  attrs: StepAttributes;
  /** 0 for a step, 1 for a sub-step (2.5.1 under 2.5). */
  depth: number;
  /** The parts and numbered sections this step opens ("Phase II" / "Containment", "3.2"), for jumps to them. */
  opens?: PartName[];
  /** A sub-step listed under a heading that names a group (heading-contents.ts). */
  inHeading?: boolean;
  /** Branches fixed by the source structure itself (mermaid edges): target draft index or 'end'. */
  fixedBranches?: { when: string; target: number | 'end' }[];
}

/** A part or section of a procedure as a jump may name it: its number ("2", "4b", "3.2") and its title. */
export interface PartName {
  number?: string;
  title: string;
}

export type CandidateKind = 'sections' | 'list' | 'checklist' | 'table' | 'mermaid' | 'prose';

/** A procedure found in the document: the steps of one SOP. */
export interface Candidate {
  kind: CandidateKind;
  priority: number;
  title: string;
  container?: Section;
  steps: StepDraft[];
  /** First and last paragraph index the candidate covers (overlap test). */
  span: [number, number];
  /** How many parts ("Part 1", "Recovery Phase") were merged into this procedure. */
  parts?: number;
}

export function emptyAttributes(): StepAttributes {
  return { who: [], inputs: [], outputs: [] };
}

/** GitHub-style heading slug: "8.2. Recommend application" → "82-recommend-application". */
export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
}
