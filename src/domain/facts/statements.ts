import { ASSERTION_KINDS, type AssertionKind, factKind } from './kinds.ts';

/**
 * Statement groups (docs/data-model.md "Ranks, conflicts and corroboration"): facts of one kind about the same
 * subject, metric and period are statements of the same thing. They are ranked against each other (a preferred one
 * hides the normal ones from default reads, as Wikidata's best rank does) and, when their values disagree, listed by
 * `conflicts`. The group is computed in Cypher from the fact's role edges (cypher/fragments/statement-group.cypher),
 * so it follows merges; this is the table it reads, passed as `$statementSpecs`.
 */
export interface StatementSpecParam {
  subject: string[];
  /** Null: the value compared is the amount and the change; a list (maybe empty): these roles' entities and status. */
  valueRoles: string[] | null;
}

export const STATEMENT_SPECS: Record<string, StatementSpecParam> = Object.fromEntries(
  ASSERTION_KINDS.flatMap((kind) => {
    const spec = factKind(kind).statement;
    return spec
      ? [[kind, { subject: [...spec.subject], valueRoles: spec.valueRoles ? [...spec.valueRoles] : null }]]
      : [];
  }),
);

/** The kinds whose facts form statement groups (the others stand alone). */
export const GROUPED_KINDS = Object.keys(STATEMENT_SPECS) as AssertionKind[];
