import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * graphql-codegen's client preset over the service's printed schema: typed documents for the operations in
 * src/operations.ts, each carrying its sha256 id (the trusted-documents manifest, persisted-documents.json).
 * Paths are relative to this folder; `npm run app:codegen` (scripts/app-codegen.ts) runs it from the repository.
 */
const sha256 = (document: string) => createHash('sha256').update(document, 'utf8').digest('hex');

const config: CodegenConfig = {
  schema: '../../schema/schema.graphql',
  documents: ['src/operations.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // The plain hex sha256 of the document: the id APQ clients send (extensions.persistedQuery.sha256Hash).
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: sha256 },
      },
      config: {
        scalars: { Decimal: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        importExtension: '.ts',
      },
    },
  },
};

export default config;
