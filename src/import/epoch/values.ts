import type { CONFIDENCES } from '../../domain/format.ts';

/** Cell-level helpers for Epoch's CSV exports. Numbers stay decimal strings; nothing goes through a float. */

type Confidence = (typeof CONFIDENCES)[number];

/** "Kulai, Johor" → "kulai-johor"; accents are dropped, never guessed. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** "700000.0" → "700000", "12.50" → "12.5"; undefined for blanks and anything not a plain decimal. */
export function decimal(cell: string | undefined): string | undefined {
  const text = cell?.trim();
  if (!text || !DECIMAL.test(text)) return undefined;
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Shifts the decimal point right: ("35.836372", 9) → "35836372000". */
export function shiftDecimal(value: string, places: number): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const digits = whole + fraction.padEnd(places, '0');
  const point = whole.length + places;
  const shifted = `${digits.slice(0, point).replace(/^0+(?=\d)/, '')}.${digits.slice(point)}`;
  return (negative ? '-' : '') + (decimal(shifted) ?? shifted.replace(/\.$/, ''));
}

/** Rounds a decimal string half-up to `places` decimals (USD cents), by string arithmetic. */
export function roundDecimal(value: string, places: number): { value: string; rounded: boolean } {
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  if (fraction.length <= places) return { value: decimal(value) ?? value, rounded: false };
  const kept = BigInt(whole + fraction.slice(0, places)) + (Number(fraction[places]) >= 5 ? 1n : 0n);
  const digits = kept.toString().padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return { value: (value.startsWith('-') ? '-' : '') + (decimal(text) ?? text), rounded: true };
}

/** A float cell as a JS number for sorting and sums in props (H100e, MW); undefined when blank. */
export function numberCell(cell: string | undefined): number | undefined {
  const text = cell?.trim();
  if (!text) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function boolCell(cell: string | undefined): boolean | undefined {
  if (cell === 'True' || cell === 'TRUE' || cell === 'true') return true;
  if (cell === 'False' || cell === 'FALSE' || cell === 'false') return false;
  return undefined;
}

/** Comma-separated list cell → trimmed non-empty items. */
export function listCell(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const TAG_CONFIDENCE: Record<string, Confidence> = {
  confident: 'confident',
  likely: 'likely',
  speculative: 'speculative',
  estimate: 'estimate',
};

export interface TaggedName {
  name: string;
  tag: string | undefined;
  confidence: Confidence | undefined;
}

/** "ByteDance #likely, Oracle #likely" → names with Epoch's own confidence tag (never upgraded). */
export function taggedNames(cell: string | undefined): TaggedName[] {
  return listCell(cell).map((item) => {
    const match = /^(.*?)\s+#([A-Za-z]+)$/.exec(item);
    if (!match) return { name: item, tag: undefined, confidence: undefined };
    const tag = match[2]!.toLowerCase();
    return { name: match[1]!.trim(), tag, confidence: TAG_CONFIDENCE[tag] };
  });
}

const CERTAINTY: Record<string, Confidence> = { Confirmed: 'confirmed', Likely: 'likely', Unlikely: 'unlikely' };

/** The GPU-clusters `Certainty` column (Confirmed / Likely / Unlikely). */
export function certaintyConfidence(cell: string | undefined): Confidence | undefined {
  return cell ? CERTAINTY[cell] : undefined;
}

/** `Col=value; Col=value` from the row's own cells, verbatim, skipping blanks; capped to the snippet limit. */
export function snippetOf(row: Record<string, string>, columns: string[], max = 2000): string {
  const parts = columns.filter((c) => (row[c] ?? '').trim() !== '').map((c) => `${c}=${row[c]}`);
  let text = parts.join('; ');
  while (text.length > max && parts.length > 1) {
    parts.pop();
    text = `${parts.join('; ')}; …`;
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text || `(all of ${columns.join(', ')} blank)`;
}

/** Every http(s) URL in a cell (markdown links, bare links), in order, without duplicates. */
export function urlsIn(cell: string | undefined): string[] {
  const found = (cell ?? '').match(/https?:\/\/[^\s)\]>"]+/g) ?? [];
  return [...new Set(found.map((u) => u.replace(/[.,;]+$/, '')))];
}

/** Joins note parts and fits them in the format's 2000-character note, saying how much was cut. */
export function noteOf(parts: (string | undefined)[], max = 2000): string | undefined {
  const text = parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');
  if (!text) return undefined;
  return text.length <= max ? text : `${text.slice(0, max - 30)}… [cut, ${text.length} chars]`;
}

/** A 2000-char-safe prop value; long free text is cut with a marker rather than rejected. */
export function propText(cell: string | undefined, max = 2000): string | undefined {
  const text = cell?.trim();
  if (!text) return undefined;
  return text.length <= max ? text : `${text.slice(0, max - 30)}… [cut, ${text.length} chars]`;
}

/** Drops undefined values so props hold only what the row states. */
export function defined<T extends Record<string, unknown>>(props: T) {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
