import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printSchemaSDL } from '../src/schema/print.ts';

/** npm run schema:print — writes schema/schema.graphql from the Pothos code. */
const target = resolve(import.meta.dirname, '../schema/schema.graphql');
writeFileSync(target, printSchemaSDL());
console.log(`wrote ${target}`);
