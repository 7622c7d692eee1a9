import type { GraphQLInterfaceType } from 'graphql';
import { builder } from './builder.ts';
import { NODE_TYPES } from './types/node.ts';
import './types/scalars.ts';
import './types/values.ts';
import './types/node.ts';
import './types/entity.ts';
import './types/assertion.ts';
import './types/facts.ts';
import './types/investment.ts';
import './types/company.ts';
import './types/person.ts';
import './types/chip.ts';
import './types/place.ts';
import './types/data-center.ts';
import './types/regulation.ts';
import './types/source.ts';
import './types/revision.ts';
import './types/provenance.ts';
import './types/lookup.ts';
import './types/graph.ts';
import './types/research.ts';
import './types/epoch.ts';
import './types/investments-by-place.ts';
import './types/system.ts';
import './types/vocabulary.ts';
import './types/mutations.ts';
import './types/conflict.ts';
import './types/judgement.ts';

export const schema = builder.toSchema({ sortSchema: true });

// Global ids name a type (src/domain/global-id.ts): the types that implement Node must be exactly NODE_TYPES.
const implemented = schema
  .getImplementations(schema.getType('Node') as GraphQLInterfaceType)
  .objects.map((t) => t.name);
const unlisted = implemented.filter((name) => !NODE_TYPES.has(name));
const missing = [...NODE_TYPES].filter((name) => !implemented.includes(name));
if (unlisted.length > 0 || missing.length > 0) {
  throw new Error(
    `Node types out of step: no type for [${missing.join(', ')}], not in NODE_TYPES [${unlisted.join(', ')}]`,
  );
}
