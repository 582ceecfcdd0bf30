import { z } from 'zod';

/** An optional string: the most common field in the OSOP schemas (a fresh schema each call). */
export const str = () => z.string().optional();

/** An optional list of strings (a fresh schema each call). */
export const strings = () => z.array(z.string()).optional();
