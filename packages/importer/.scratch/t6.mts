import { readFileSync } from 'node:fs';
import { readHtml } from '../src/readers/read-html.js';
const t = await readHtml(readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify(t.blocks, null, 1).slice(0, 1500));
