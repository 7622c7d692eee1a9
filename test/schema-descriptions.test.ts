import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { coverageFigures, ELEMENT_CLASSES, schemaCoverage } from './helpers/schema-coverage.ts';

/**
 * Every type, field, argument, enum value and input field explains itself in GraphiQL's docs pane (issue 20).
 * The failure lists each undescribed element by its schema coordinate, e.g. `Company.figures(metric:)`.
 */
describe('schema descriptions', () => {
  const built = schemaCoverage(schema);

  it('describes every element of the built schema', () => {
    console.log(`[schema-descriptions] built schema: ${coverageFigures(built).join(', ')}`);
    const missing = ELEMENT_CLASSES.flatMap((kind) => built.undescribed[kind]);
    expect(missing, `${missing.length} undescribed elements:\n${missing.join('\n')}`).toEqual([]);
  });

  it('deprecates only with a reason that names the replacement', () => {
    expect(built.deprecatedWithoutReplacement).toEqual([]);
  });

  it('describes every element of the printed schema/schema.graphql the same way', () => {
    const printed = schemaCoverage(buildSchema(readFileSync('schema/schema.graphql', 'utf8')));
    console.log(`[schema-descriptions] schema/schema.graphql: ${coverageFigures(printed).join(', ')}`);
    expect(printed).toEqual(built);
  });

  it('finds an undescribed element of each class and names it by coordinate', () => {
    const sdl = `
      "Root." type Query { "Described." a(x: Int, "Described." w: Int): Int  b: E  c(i: I): Bare }
      enum E { "Described." ONE TWO }
      input I { "Described." p: Int q: Int }
      " " type Bare { f: Int }
    `;
    expect(schemaCoverage(buildSchema(sdl)).undescribed).toEqual({
      types: ['Bare', 'E', 'I'],
      fields: ['Bare.f', 'Query.b', 'Query.c'],
      arguments: ['Query.a(x:)', 'Query.c(i:)'],
      enumValues: ['E.TWO'],
      inputFields: ['I.q'],
    });
  });

  it('finds a deprecation whose reason names no replacement', () => {
    const sdl = `
      type Query {
        a: Int @deprecated
        b: Int @deprecated(reason: "Replaced by c.")
        c(x: Int @deprecated(reason: "Use \`y\`: same meaning, in basis points."), y: Int): Int
        d: E
        e: Int @deprecated(reason: "Use the other one.")
        f: Int @deprecated(reason: "Use claimsMade, which names it like Company.claimsMade.")
      }
      enum E { ONE @deprecated(reason: "Gone.") TWO }
    `;
    expect(schemaCoverage(buildSchema(sdl)).deprecatedWithoutReplacement).toEqual([
      'E.ONE',
      'Query.a',
      'Query.b',
      'Query.e',
    ]);
  });
});
