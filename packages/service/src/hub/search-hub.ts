import type { RunStore } from '@sopflow/engine';
import type { HubReportFigures, HubVersionSummary } from '@sopflow/store';
import { ServiceError } from '../service-error.js';
import { recordsOf } from '../process-os/tenant-actor.js';
import { latestVersion } from '@sopflow/format';
import { hubWords } from './hub-document.js';

export const HUB_SORTS = ['relevance', 'community', 'name'] as const;
export type HubSort = (typeof HUB_SORTS)[number];

export interface HubSearchInput {
  text?: string; tags?: readonly string[]; nodeTypes?: readonly string[]; services?: readonly string[];
  /** relevance (default): words in the name and title count most, then tags; community: most runs reported first; name. */
  sort?: HubSort;
  /** At most this many results; default 20, at most 100. */
  limit?: number;
}

/** A name's latest matching version (latestVersion: releases before pre-releases) with the community's figures for it. */
export interface HubSearchResult extends HubVersionSummary {
  community: HubCommunityFigures | null;
}

/** Reported runs of one version: counts, success rate and the run-weighted mean of the reported p50/p95 durations. */
export interface HubCommunityFigures { runs: number; succeeded: number; successRate: number; p50Ms: number; p95Ms: number; reports: number }

export interface HubRankingEntry extends HubCommunityFigures { name: string; version: string; title: string }

/** Candidate versions read per search before the newest per name is chosen. */
const MAX_CANDIDATES = 1000;
const MAX_WORDS = 16;
const MAX_FILTER_VALUES = 8;

/**
 * Searches the hub (anyone may): every word must start a word of the name, title, description,
 * tags or step titles (SQLite FTS5 or PostgreSQL full text; the same matches on both); tags, node
 * types and services named must all be present. One result per name: its latest matching version
 * (the highest release; a pre-release only when no release matches). Two queries: the candidates,
 * then the reported figures of their names.
 */
export async function searchHub(store: RunStore, input: HubSearchInput): Promise<{ results: HubSearchResult[] }> {
  const words = hubWords(input.text ?? '');
  const filters = { tags: lower(input.tags), nodeTypes: lower(input.nodeTypes), services: lower(input.services) };
  if (words.length > MAX_WORDS) throw new ServiceError('invalid_request', `give at most ${MAX_WORDS} words to search for`, { maxWords: MAX_WORDS });
  if (Object.values(filters).some((v) => v.length > MAX_FILTER_VALUES)) throw new ServiceError('invalid_request', `give at most ${MAX_FILTER_VALUES} values per filter`, { maxValues: MAX_FILTER_VALUES });
  const limit = input.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ServiceError('invalid_request', 'limit is a whole number from 1 to 100', { limit });
  const hub = recordsOf(store).hub;
  const byName = new Map<string, HubVersionSummary[]>();
  for (const v of await hub.search({ words, ...filters, limit: MAX_CANDIDATES })) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
  const newest = new Map([...byName].map(([name, versions]) => {
    const latest = latestVersion(versions.map((v) => v.version));
    return [name, versions.find((v) => v.version === latest)!];
  }));
  const figures = figuresByVersion(await hub.figuresOf([...newest.keys()]));
  const results = [...newest.values()].map((v) => ({ ...v, community: figures.get(`${v.name}@${v.version}`) ?? null }));
  const sort = input.sort ?? 'relevance';
  const score = (r: HubSearchResult) => relevance(r, words);
  results.sort((a, b) => {
    const first = sort === 'community' ? (b.community?.runs ?? 0) - (a.community?.runs ?? 0) : sort === 'relevance' ? score(b) - score(a) : 0;
    return first !== 0 ? first : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return { results: results.slice(0, limit) };
}

/** The community-optimised ranking: versions by runs reported, most first, with their success figures and titles (one query). */
export async function hubRanking(store: RunStore, limit = 20): Promise<{ ranking: HubRankingEntry[] }> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ServiceError('invalid_request', 'limit is a whole number from 1 to 100', { limit });
  const rows = await recordsOf(store).hub.ranking(limit);
  return { ranking: rows.map((row) => ({ name: row.name, version: row.version, title: row.title, ...communityFigures(row) })) };
}

function figuresByVersion(rows: readonly HubReportFigures[]): Map<string, HubCommunityFigures> {
  return new Map(rows.map((r) => [`${r.name}@${r.version}`, communityFigures(r)]));
}

function communityFigures(r: HubReportFigures): HubCommunityFigures {
  return { runs: r.runs, succeeded: r.succeeded, successRate: r.runs === 0 ? 0 : Math.round((r.succeeded / r.runs) * 1000) / 1000, p50Ms: r.p50Ms, p95Ms: r.p95Ms, reports: r.reports };
}

/** Pure: 3 per query word starting a word of the name or title, 2 of a tag, 1 otherwise (it matched somewhere). */
function relevance(r: HubVersionSummary, words: readonly string[]): number {
  const title = hubWords(`${r.name} ${r.title}`);
  const tags = r.tags.flatMap(hubWords);
  return words.reduce((sum, w) => sum + (title.some((t) => t.startsWith(w)) ? 3 : tags.some((t) => t.startsWith(w)) ? 2 : 1), 0);
}

function lower(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim().toLowerCase()).filter((v) => v !== ''))];
}
