/**
 * Nodes read whole (a map of every property) or projected: only the properties a GraphQL selection reads
 * (src/schema/lookahead.ts), returned as a list of their values in the order of `props` — Neo4j sends no property
 * names and the driver decodes a list instead of a map.
 */

/** The `$props` of a projecting statement: null reads the whole node. */
export type Props = readonly string[] | null;

/**
 * A row from a node read whole (`read` is the map) or from the values of `props` (`read` is the list); a property
 * read as null is left out, as a whole read leaves out a property the node does not have. Null stays null.
 */
export function rowOf<T>(props: Props, read: T | readonly unknown[] | null | undefined): T | null {
  if (read === null || read === undefined) return null;
  if (!Array.isArray(read)) return read as T;
  const row: Record<string, unknown> = {};
  (props ?? []).forEach((p, i) => {
    const value = read[i];
    if (value !== null && value !== undefined) row[p] = value;
  });
  return row as T;
}
