import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import type { Root } from 'mdast';
import type { DocTree } from '../tree/doc-tree.js';
import { mdastToBlocks } from './mdast-to-blocks.js';

/**
 * Pure; HTML → mdast (rehype-remark) → document tree. Scripts, styles and embedded objects are
 * dropped by the conversion and never run. `keepLines` is false for generated HTML (docx).
 */
export async function readHtml(html: string, keepLines = true): Promise<DocTree> {
  const processor = unified().use(rehypeParse, { fragment: false }).use(rehypeRemark);
  const hast = processor.parse(html);
  const mdast = (await processor.run(hast)) as unknown as Root;
  const blocks = mdastToBlocks(mdast, { paragraph: 0, lineOffset: 0, keepLines });
  const title = html.match(/<title[^>]*>([^<]*)<\/title>/i)?.[1]?.trim();
  return { format: 'html', blocks, metadata: title ? { title } : {} };
}
