import OpenAI from 'openai';
import type { ImportedSop } from '../import-result.js';
import { cleanTitle } from '../extract/clean-title.js';
import { tokens } from '../extract/decisions.js';

/** An OpenAI-compatible chat-completions endpoint (a local Ollama/vLLM/llama.cpp server, or a hosted one). */
export interface LlmOptions {
  baseURL: string;
  model: string;
  /** Read from the caller's environment or secrets; never logged. */
  apiKey?: string;
  timeoutMs?: number;
}

/** One change the LLM pass made (or proposed and was refused). */
export interface LlmChange {
  step: number;
  field: 'title' | 'role';
  before?: string;
  after: string;
  applied: boolean;
  reason?: string;
}

export interface LlmRefinement {
  sop: ImportedSop;
  changes: LlmChange[];
  /** Set when the endpoint failed; the SOP is then returned unchanged. */
  error?: string;
}

const SYSTEM = [
  'You review steps extracted from a standard operating procedure.',
  'Tidy step titles (short imperative phrases, no "Step N" prefixes, no numbering) and infer a missing role',
  'only from the text given. Never add, remove, merge or reorder steps.',
  'Answer with JSON only: {"steps":[{"sequence_order":1,"title":"…","role":"…"}]} listing only steps you change.',
].join(' ');

/**
 * Optional pass over one imported SOP through an OpenAI-compatible endpoint. It may retitle steps
 * and fill roles that are missing; it can never add a step. A new title must keep to the step's own
 * words (most of its words appear in the step's source text), and an inferred role must be named
 * somewhere in the document. Every proposal comes back in `changes`, applied or refused with a reason.
 */
export async function refineWithLlm(sop: ImportedSop, options: LlmOptions): Promise<LlmRefinement> {
  const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? 'not-needed', timeout: options.timeoutMs ?? 30_000, maxRetries: 0 });
  const payload = {
    title: sop.title,
    roles: sop.roles,
    steps: sop.steps.map((s) => ({ sequence_order: s.sequence_order, title: s.title, role: s.role ?? null, text: s.description.slice(0, 600) })),
  };
  let content: string;
  try {
    const completion = await client.chat.completions.create({
      model: options.model,
      temperature: 0,
      messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: JSON.stringify(payload) }],
    });
    content = completion.choices[0]?.message?.content ?? '';
  } catch (err) {
    return { sop, changes: [], error: `LLM endpoint failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const proposals = parseProposals(content);
  if (!proposals) return { sop, changes: [], error: 'LLM answer was not the JSON asked for; nothing changed' };
  return applyProposals(sop, proposals);
}

interface Proposal { sequence_order?: unknown; title?: unknown; role?: unknown }

function parseProposals(content: string): Proposal[] | undefined {
  const json = content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, '');
  try {
    const parsed: unknown = JSON.parse(json);
    const steps = (parsed as { steps?: unknown }).steps;
    return Array.isArray(steps) ? (steps as Proposal[]) : undefined;
  } catch {
    return undefined;
  }
}

function applyProposals(original: ImportedSop, proposals: Proposal[]): LlmRefinement {
  const sop: ImportedSop = { ...original, steps: original.steps.map((s) => ({ ...s })), roles: [...original.roles] };
  const changes: LlmChange[] = [];
  const documentText = [sop.title, ...sop.roles, ...sop.notes, ...sop.steps.flatMap((s) => [s.title, s.description, s.role ?? ''])].join('\n').toLowerCase();
  for (const p of proposals) {
    const seq = typeof p.sequence_order === 'number' ? p.sequence_order : Number.NaN;
    const step = sop.steps.find((s) => s.sequence_order === seq);
    if (!step) {
      changes.push({ step: Number.isFinite(seq) ? seq : 0, field: 'title', after: String(p.title ?? ''), applied: false, reason: 'no such step; the LLM pass never adds steps' });
      continue;
    }
    if (typeof p.title === 'string' && p.title.trim() && p.title.trim() !== step.title) {
      const title = cleanTitle(p.title);
      const own = new Set(tokens(`${step.title} ${step.description}`));
      const words = tokens(title);
      const grounded = words.length > 0 && words.filter((w) => own.has(w)).length / words.length >= 0.6;
      changes.push({ step: seq, field: 'title', before: step.title, after: title, applied: grounded, ...(grounded ? {} : { reason: 'the new title uses words the step does not contain' }) });
      if (grounded) step.title = title;
    }
    if (typeof p.role === 'string' && p.role.trim() && !step.role) {
      const role = p.role.trim().slice(0, 60);
      const named = documentText.includes(role.toLowerCase());
      changes.push({ step: seq, field: 'role', after: role, applied: named, ...(named ? {} : { reason: 'the role is not named in the document' }) });
      if (named) {
        step.role = role;
        if (!sop.roles.some((r) => r.toLowerCase() === role.toLowerCase())) sop.roles.push(role);
      }
    }
  }
  return { sop, changes };
}
