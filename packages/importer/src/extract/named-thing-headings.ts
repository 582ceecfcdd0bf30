import type { Section } from './sections.js';
import { cleanTitle } from './clean-title.js';
import { blockSentences, sentenceTitle } from './draft-helpers.js';
import { afterLabel } from './how-to-prose.js';
import { isInstruction } from './prose-instructions.js';
import { isImperative } from './sentences.js';

/**
 * Pure; for three or more sibling headings that name a thing ("### Heroku", "#### API latency
 * high") each over a short body (one or two paragraphs, at most three sentences) whose first
 * sentence is an instruction, the step title of each: "Heroku: Transfer ownership of the apps".
 * Headings whose body is narrative or a definition are not named; nor is any heading when fewer
 * than three siblings qualify.
 */
export function namedThingTitles(sections: Section[]): Map<Section, string> {
  const titles = new Map<Section, string>();
  for (const section of sections) {
    const instruction = shortInstruction(section);
    if (instruction) titles.set(section, `${cleanTitle(section.title)}: ${sentenceTitle(instruction)}`);
  }
  return titles.size >= 3 ? titles : new Map();
}

/** The first sentence of an unnumbered leaf section's short paragraph body when it is an instruction and the heading is not one itself (a numbered heading is a step of its own). */
function shortInstruction(section: Section): string | undefined {
  if (section.children.length > 0 || section.label !== undefined || isImperative(section.title)) return undefined;
  const { blocks } = section;
  if (blocks.length === 0 || blocks.length > 2 || blocks.some((b) => b.type !== 'paragraph')) return undefined;
  const sentences = blockSentences(blocks);
  const first = afterLabel(sentences[0] ?? '');
  return sentences.length <= 3 && isInstruction(first) ? first : undefined;
}
