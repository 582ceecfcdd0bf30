import { NUMBERED_EXPECTED } from './expected-numbered.js';
import { SHAPES_EXPECTED } from './expected-shapes.js';
import type { HoldoutDoc } from './holdout-types.js';

/**
 * Expected outlines of the hold-out documents in ./docs, written by hand together with the
 * documents and never shown to the importer's developers as fixtures. Steps marked optional
 * (section headings, a sub-clause either reading allows) may match; missing them is not counted.
 */
export const HOLDOUT_EXPECTED: HoldoutDoc[] = [...NUMBERED_EXPECTED, ...SHAPES_EXPECTED];
