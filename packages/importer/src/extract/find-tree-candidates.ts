import type { Block, CodeBlock, ListBlock, ListItem } from '../tree/doc-tree.js';
import { cleanTitle } from './clean-title.js';
import { type Section, isExcludedKind, walkSections } from './sections.js';
import { isImperative } from './sentences.js';
import { emptyAttributes, type Candidate } from './step-draft.js';

// "├── YES", "└── Proceed to 3.2", "|-- No", "`-- Close": a branch drawn with box or ASCII glyphs.
const BRANCH = /^([\s│|]*?)(?:├──|└──|├─|└─|\|--|`--|\+--)\s*(.*)$/;

interface Node { column: number; text: string; children: Node[] }

/**
 * Pure; a decision tree drawn as text in a code block ("Has the key been used?" then "├── YES …
 * └── Proceed to 3.2", "└── If confirmed legitimate → Document and close") is a step that decides:
 * the question is its title and the branches, read as "If <label>, <action>", its decisions.
 * Weak on its own (priority 0.9); inside a procedure told in parts it takes its place among the steps.
 */
export function findTreeCandidates(root: Section): Candidate[] {
  const out: Candidate[] = [];
  walkSections(root, (section) => {
    if (isExcludedKind(section.kind)) return;
    for (const block of section.blocks) {
      if (block.type !== 'code') continue;
      const tree = readTree(block);
      if (!tree) continue;
      const step = {
        title: cleanTitle(tree.question), titleText: tree.question, anchors: [], from: 'diagram' as const, lead: '',
        body: [branchList(tree.branches, block)], attrs: emptyAttributes(), depth: 0, source: { ...block.source, text: tree.question },
      };
      out.push({ kind: 'list', priority: 0.9, title: section.title, container: section, steps: [step], span: [block.source.paragraph, block.source.paragraph] });
    }
  });
  return out;
}

function readTree(block: CodeBlock): { question: string; branches: Node[] } | undefined {
  const lines = block.text.split('\n').filter((l) => l.trim() !== '');
  const question = lines[0]?.trim();
  if (!question || !/\?$/.test(question) || BRANCH.test(lines[0])) return undefined;
  const top: Node[] = [];
  const stack: Node[] = [];
  let last: Node | undefined;
  for (const line of lines.slice(1)) {
    const m = line.match(BRANCH);
    if (!m) {
      // "│         and is waiting to use it": the branch above, continued.
      const rest = line.replace(/^[\s│|]+/, '').trim();
      if (last && rest) last.text = `${last.text} ${rest}`;
      continue;
    }
    const node: Node = { column: m[1].length, text: m[2].trim(), children: [] };
    while (stack.length > 0 && stack[stack.length - 1].column >= node.column) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1].children : top).push(node);
    stack.push(node);
    last = node;
  }
  return top.length >= 2 ? { question, branches: top } : undefined;
}

/** The branches as a list whose items read "If YES (…)" with their actions under them, as a step's body. */
function branchList(nodes: Node[], block: CodeBlock): ListBlock {
  const item = (n: Node): ListItem => {
    const children: Block[] = n.children.length > 0 ? [branchList(n.children, block)] : [];
    return { text: branchText(n), links: [], children, source: block.source };
  };
  return { type: 'list', ordered: false, items: nodes.map(item), source: block.source };
}

function branchText(n: Node): string {
  // "Proceed to 3.2 immediately" names a section; "X → Y" is "If X, Y".
  // A label's parenthesis is part of its condition: "(leaking, ticking)" → "(leaking / ticking)".
  const t = n.text.replace(/\b(to|with)\s+(\d{1,2}\.\d{1,2})\b/gi, '$1 section $2').replace(/\([^)]*\)/g, (p) => p.replace(/,\s*/g, ' / '));
  const [label, action] = t.split(/\s*(?:→|->|=>)\s*/, 2);
  const conditional = /^(?:if|when|unless|otherwise|else)\b/i.test(label);
  if (action !== undefined) return `${conditional ? label : `If ${label}`}, ${action.charAt(0).toLowerCase()}${action.slice(1)}.`;
  // A label with actions under it is their condition; an instruction stays one.
  return n.children.length > 0 && !conditional && !isImperative(label) ? `If ${label}` : label;
}
