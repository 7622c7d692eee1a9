import { unknownKey } from '../domain/errors.ts';
import type { Context } from './context.ts';

/**
 * An entity key given as an argument or filter: the key of the entity it names, following a merge (as
 * `entity(key:)` does), or of the one entity whose exact name or alias it is (`bytedance`, `place:malaysia`), or a
 * NOT_FOUND error listing the nearest existing keys — never an empty answer that
 * cannot be told from "nothing matched".
 */
export async function existingKey(ctx: Context, argument: string, key: string): Promise<string> {
  const found = await ctx.loaders.keyResolution.load(key);
  if (found.resolved === null) throw unknownKey(argument, key, found.suggestions, found.ambiguous);
  return found.resolved;
}

export async function existingKeyOrNull(
  ctx: Context,
  argument: string,
  key: string | null | undefined,
): Promise<string | null> {
  return key === null || key === undefined ? null : existingKey(ctx, argument, key);
}
