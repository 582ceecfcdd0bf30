/**
 * The one intermediate document tree every reader produces (markdown, docx, html, text, pdf) and
 * every extractor reads. Flat blocks in reading order; lists nest through their items. Plain data.
 */
export type DocFormat = 'markdown' | 'docx' | 'html' | 'text' | 'pdf';

/** Where a block came from, so a reviewer can find it: page (pdf), line (text formats), paragraph index. */
export interface SourcePointer {
  /** 1-based page, for PDFs. */
  page?: number;
  /** 1-based line in the source text (markdown, text, html); for PDFs the line on its page. */
  line?: number;
  /** 0-based index of the block (paragraph, item, row) in reading order across the document. */
  paragraph: number;
  /** The text span, trimmed to a reviewable length. */
  text: string;
}

export interface InlineLink {
  text: string;
  href: string;
}

export interface HeadingBlock {
  type: 'heading';
  level: number;
  text: string;
  links: InlineLink[];
  source: SourcePointer;
}

export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
  links: InlineLink[];
  source: SourcePointer;
}

export interface ListItem {
  text: string;
  /** Task-list state: true/false for `- [x]` / `- [ ]`, undefined otherwise. */
  checked?: boolean;
  /** The visible number of an ordered item when the source shows one ("2.3"). */
  marker?: string;
  links: InlineLink[];
  children: Block[];
  source: SourcePointer;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  items: ListItem[];
  source: SourcePointer;
}

export interface TableBlock {
  type: 'table';
  /** Whether the first row is a header row. */
  header: boolean;
  /** Cell texts; a line break inside a cell is kept as "\n". */
  rows: string[][];
  source: SourcePointer;
}

export interface CodeBlock {
  type: 'code';
  lang?: string;
  text: string;
  source: SourcePointer;
}

/** A block quote or an admonition (`!!! warning "Title"`, `> [!NOTE]`). */
export interface QuoteBlock {
  type: 'quote';
  admonition?: string;
  title?: string;
  children: Block[];
  source: SourcePointer;
}

export interface RuleBlock {
  type: 'rule';
  source: SourcePointer;
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | TableBlock | CodeBlock | QuoteBlock | RuleBlock;

export interface DocTree {
  format: DocFormat;
  blocks: Block[];
  /** Front matter and similar document metadata (never executed, only read as data). */
  metadata: Record<string, unknown>;
  pageCount?: number;
}

/** Trims a text span for a source pointer. */
export function spanText(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
