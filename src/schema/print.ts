import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.ts';

export const printSchemaSDL = () => `${printSchema(lexicographicSortSchema(schema))}\n`;
