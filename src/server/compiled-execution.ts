import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  getOperationAST,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import type { ExecutionConfig } from '../config/index.ts';

/** A document's compiled operations by operation name ('' for the only one); null: it cannot be compiled. */
type Compiled = Map<string, CompiledQuery | null>;

/**
 * Queries run as JavaScript compiled once per document by graphql-jit instead of being interpreted by graphql-js on
 * every request (GRAPHQL_JIT). The compiled code calls the same resolvers with a resolve info of the same shape (the
 * lookahead reads its fieldNodes, fragments, schema and variables), so answers and resolver errors are the same;
 * masking, limits, cost and caching happen around execution and do not change.
 *
 * Where graphql-js runs instead:
 * - mutations and subscriptions: a mutation runs once, its cost is the write; a subscription's events are executed
 *   by the subscribe machinery, which compiling the operation would not reach;
 * - an operation graphql-jit cannot compile (it answers an error instead of code): it runs interpreted;
 * - a request whose variables do not coerce (a missing or mistyped `$key`): graphql-js answers it, so the error is
 *   the one it gives (naming the variable's definition, which makes it BAD_USER_INPUT) — nothing ran before.
 *
 * Compiled code is kept per parsed document, and Yoga keeps parsed documents per query text (its LRU): it is
 * dropped with the document.
 */
export function useCompiledQueries(config: ExecutionConfig, schema: GraphQLSchema): Plugin {
  if (!config.jit) return {};
  const cache = new WeakMap<DocumentNode, Compiled>();
  const compiledFor = (args: ExecutionArgs): CompiledQuery | null => {
    if (args.schema !== schema) return null;
    let byName = cache.get(args.document);
    if (!byName) {
      byName = new Map();
      cache.set(args.document, byName);
    }
    const name = args.operationName ?? '';
    let compiled = byName.get(name);
    if (compiled === undefined) {
      const operation = getOperationAST(args.document, args.operationName);
      const result = operation?.operation === 'query' ? compileQuery(schema, args.document, name || undefined) : null;
      compiled = result && isCompiledQuery(result) ? result : null;
      byName.set(name, compiled);
    }
    return compiled;
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const compiled = compiledFor(args);
      if (!compiled) return;
      setExecuteFn(async (execArgs: ExecutionArgs) => {
        const result: ExecutionResult = await compiled.query(
          execArgs.rootValue,
          execArgs.contextValue,
          execArgs.variableValues,
        );
        // No `data` at all: a request error (variables), raised before anything ran.
        return 'data' in result ? result : executeFn(execArgs);
      });
    },
  };
}
