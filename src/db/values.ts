import neo4j, { isInt, type Record as Neo4jRecord } from 'neo4j-driver';

/** Plain JSON-like values from driver values: safe integers become numbers, larger ones decimal strings. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (neo4j.isDate(value as never) || neo4j.isDateTime(value as never)) return String(value);
  if (typeof value === 'object') {
    if ('properties' in (value as object) && 'labels' in (value as object)) {
      const node = value as { labels: string[]; properties: Record<string, unknown> };
      return { ...(toPlain(node.properties) as object), _labels: node.labels };
    }
    if ('properties' in (value as object) && 'type' in (value as object)) {
      const rel = value as { type: string; properties: Record<string, unknown> };
      return { ...(toPlain(rel.properties) as object), _type: rel.type };
    }
    const out: Record<string, unknown> = {};
    for (const k in value as Record<string, unknown>) out[k] = toPlain((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

export function recordToObject<T>(record: Neo4jRecord): T {
  const out: Record<string, unknown> = {};
  for (const key of record.keys) out[key as string] = toPlain(record.get(key));
  return out as T;
}

/** Cypher LIMIT/SKIP need integers; JS numbers are sent as floats. */
export const int = (n: number) => neo4j.int(n);
