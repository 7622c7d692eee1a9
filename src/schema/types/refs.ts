import type { AssertionRow, EntityRow, SourceRow } from '../../domain/rows.ts';
import { builder } from '../builder.ts';

/** Declared apart from their implementations because entities, facts and sources refer to each other. */
export const EntityRef = builder.interfaceRef<EntityRow>('Entity');
export const AssertionRef = builder.interfaceRef<AssertionRow>('Assertion');
export const SourceRef = builder.objectRef<SourceRow & { __source: true }>('Source');

export const asSource = (row: SourceRow) => ({ ...row, __source: true as const });
