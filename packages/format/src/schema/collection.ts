import { z } from 'zod';
import { openObject } from './closed-object.js';
import { str } from './optional-string.js';

/** osop-spec's sop.schema.json (a `.sop` collection of workflows), keyword for keyword. Every level uses it. */

export const collectionWorkflowEntrySchema = openObject({ ref: z.string(), title: str(), description: str() });

export const collectionSectionSchema = openObject({
  name: z.string(),
  description: str(),
  workflows: z.array(collectionWorkflowEntrySchema),
});

export const collectionSchema = openObject({
  sop_version: z.enum(['1.0']),
  id: z.string(),
  name: z.string(),
  description: str(), author: str(), version: str(), base_url: str(),
  tags: z.array(z.string()).optional(),
  sections: z.array(collectionSectionSchema),
});
