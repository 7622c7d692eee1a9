import SchemaBuilder, { type InterfaceRef, type ObjectFieldBuilder, type ObjectRef } from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import type { Context } from './context.ts';

interface BuilderTypes {
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    Decimal: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
  };
}

/** Configuration only: types live in ./types, one file per domain type. */
export const builder = new SchemaBuilder<BuilderTypes>({
  plugins: [ErrorsPlugin],
  defaultFieldNullability: false,
  errors: { defaultTypes: [] },
});

/** The builder's type parameters, for helpers that build fields outside a type's own file. */
export type Types = PothosSchemaTypes.ExtendDefaultTypes<BuilderTypes>;

/** The field builder of an object type whose rows are `Row` (shared field helpers take it). */
export type FieldsOf<Row> = ObjectFieldBuilder<Types, Row>;

/** A GraphQL output type whose values are `T`: an object or an interface ref. */
export type OutputOf<T> = ObjectRef<Types, T> | InterfaceRef<Types, T>;
