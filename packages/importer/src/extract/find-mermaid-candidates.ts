import { cleanTitle } from './clean-title.js';
import { parseMermaid } from './parse-mermaid.js';
import { type Section, isExcludedKind, walkSections } from './sections.js';
import { emptyAttributes, type Candidate, type StepDraft } from './step-draft.js';

// "Start", "End of process", "Done" — but not "Start the sepsis bundle" or "Stop the line", which are actions.
const TERMINAL_TEXT = /^(?:start|begin|end|stop|finish|finished|done|complete|completed|terminate|exit)(?:\s+(?:of\s+)?(?:the\s+)?(?:process|procedure|workflow|flow|here))?$/i;

/**
 * Pure; a mermaid flowchart as a procedure: boxes and decisions become steps in walk order from
 * the start node; labelled or branching edges become decisions; start/end nodes are not steps.
 * A chart in a summary/context section is weak evidence (used only when nothing else is found).
 */
export function findMermaidCandidates(root: Section): Candidate[] {
  const out: Candidate[] = [];
  walkSections(root, (section) => {
    for (const block of section.blocks) {
      if (block.type !== 'code') continue;
      if (block.lang && block.lang.toLowerCase() !== 'mermaid') continue;
      const chart = parseMermaid(block.text);
      if (!chart) continue;
      const isTerminal = (id: string) => {
        const n = chart.nodes.find((x) => x.id === id)!;
        return TERMINAL_TEXT.test(n.text.replace(/:.*/, '').trim()) || (n.shape === 'terminal' && chart.edges.every((e) => e.from !== id || e.to === id));
      };
      const start = chart.nodes.find((n) => !chart.edges.some((e) => e.to === n.id)) ?? chart.nodes[0];
      const order: string[] = [];
      const queue = [start.id];
      const visited = new Set<string>();
      while (queue.length > 0) {
        const id = queue.shift()!;
        if (visited.has(id)) continue;
        visited.add(id);
        if (!isTerminal(id)) order.push(id);
        for (const e of chart.edges) if (e.from === id && !visited.has(e.to)) queue.push(e.to);
      }
      for (const n of chart.nodes) if (!visited.has(n.id) && !isTerminal(n.id)) order.push(n.id);
      if (order.length < 2) continue;
      const steps: StepDraft[] = order.map((id) => {
        const n = chart.nodes.find((x) => x.id === id)!;
        const outgoing = chart.edges.filter((e) => e.from === id);
        const branching = outgoing.length > 1 || outgoing.some((e) => e.label);
        const fixed = outgoing
          .filter((e) => branching || (order.indexOf(e.to) !== order.indexOf(id) + 1))
          .map((e) => ({ when: e.label ?? 'always', target: isTerminal(e.to) ? 'end' as const : order.indexOf(e.to) }))
          .filter((b) => b.target === 'end' || b.target >= 0);
        if (outgoing.length === 0) fixed.push({ when: 'always', target: 'end' });
        return {
          title: cleanTitle(n.text), anchors: [], from: 'mermaid' as const, lead: '', body: [], attrs: emptyAttributes(), depth: 0,
          source: { ...block.source, text: `${n.id}: ${n.text}`.slice(0, 160) },
          fixedBranches: fixed,
        };
      });
      const priority = isExcludedKind(section.kind) ? 0.5 : 1.5;
      out.push({ kind: 'mermaid', priority, title: section.title, container: section, steps, span: [block.source.paragraph, block.source.paragraph] });
    }
  });
  return out;
}
