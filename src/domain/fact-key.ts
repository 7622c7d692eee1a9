import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal content always gives equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The key of a fact given without one: `fact:<kind>-<first 20 hex of sha256>` over everything the fact says, as
 * validated (defaults applied) — kind, summary, mode, rank, confidence, roles in order, metric, money, change,
 * quantity, unit price, period, text, role, status, attribution, note — and each supporting source's key with its
 * snippet, offsets and locator. The same call made twice (a retry, a double submit, fifty at once) names the same
 * fact, so it is stored once; a call that differs in anything is another fact.
 */
export function derivedFactKey(kind: string, content: Record<string, unknown>): string {
  const { key: _ignored, ...rest } = content;
  const hash = createHash('sha256').update(canonical(rest)).digest('hex').slice(0, 20);
  return `fact:${kind.toLowerCase()}-${hash}`;
}
