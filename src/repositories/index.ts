import type { DbScope } from '../db/database.ts';
import { assertionRepository } from './assertions.ts';
import { checksRepository } from './checks.ts';
import { entityRepository } from './entities.ts';
import { epochRepository } from './epoch.ts';
import { graphRepository } from './graph.ts';
import { investmentRepository } from './investments.ts';
import { judgementRepository } from './judgements.ts';
import { provenanceRepository } from './provenance.ts';
import { rankRepository } from './ranks.ts';
import { researchRepository } from './research.ts';
import { revisionRepository } from './revisions.ts';
import { schemaRepository } from './schema.ts';
import { sourceRepository } from './sources.ts';
import { systemRepository } from './system.ts';
import { vocabularyRepository } from './vocabulary.ts';

export function createRepositories(db: DbScope) {
  return {
    system: systemRepository(db),
    schema: schemaRepository(db),
    entities: entityRepository(db),
    assertions: assertionRepository(db),
    sources: sourceRepository(db),
    graph: graphRepository(db),
    research: researchRepository(db),
    revisions: revisionRepository(db),
    checks: checksRepository(db),
    epoch: epochRepository(db),
    vocabulary: vocabularyRepository(db),
    investments: investmentRepository(db),
    provenance: provenanceRepository(db),
    ranks: rankRepository(db),
    judgements: judgementRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
