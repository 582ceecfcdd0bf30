import { lazy, Suspense } from 'react';
import { Skeleton } from '@mantine/core';
import type { ProcessGraphProps } from './process-graph';

const ProcessGraphChunk = lazy(() => import('./process-graph').then((m) => ({ default: m.ProcessGraph })));

/**
 * The ProcessGraph, loaded on first use: React Flow, ELK and the format package's rules stay out
 * of the initial bundle (their own chunk). Same props as ProcessGraph.
 */
export function LazyProcessGraph(props: ProcessGraphProps) {
  return (
    <Suspense fallback={<Skeleton h={props.height ?? 560} />}>
      <ProcessGraphChunk {...props} />
    </Suspense>
  );
}
