import { FACT_FIELDS, type FactField } from './facts/fields.ts';
import { singular } from './search-words.ts';

/** A stretch of a highlighted text, in UTF-16 code units from its start (JavaScript string offsets). */
export interface TextRange {
  start: number;
  end: number;
}

export interface SearchHighlight {
  /** Where the text comes from: name, alias, description, summary, text, snippet, amountAsReported … */
  field: string;
  /** The field's text, or a window of it around the first match (marked with … where cut). */
  text: string;
  /** The matched words in `text`. */
  matches: TextRange[];
  /** `text` HTML-escaped, each match wrapped in <mark></mark>. */
  marked: string;
}

/**
 * The API's name (`SearchHighlight.field`) of the source's own words of each value field. These are API values and
 * stay as they are when the stored names change (unitPrice was stored as `priceAsReported` until migration 0001).
 */
const AS_REPORTED_FIELDS = {
  money: 'amountAsReported',
  reportedConversion: 'conversionAsReported',
  unitPrice: 'priceAsReported',
  change: 'changeAsReported',
  quantity: 'quantityAsReported',
} as const satisfies Partial<Record<FactField, string>>;

/** Stored name → API name of a value's words, e.g. unitPriceAsReported → priceAsReported. */
const AS_REPORTED = Object.entries(AS_REPORTED_FIELDS).map(([field, api]) => {
  const stored = FACT_FIELDS[field as keyof typeof AS_REPORTED_FIELDS].codec.asReported;
  if (!stored) throw new Error(`the codec of ${field} names no asReported property`);
  return [stored, api] as const;
});

/** The fields a hit is highlighted from (stored names), in this order; the snippets come after the fact's own text. */
const FIELDS = [
  'name',
  'aliases',
  'summary',
  'text',
  'snippets',
  'description',
  ...AS_REPORTED.map(([stored]) => stored),
  'attribution',
];
const FIELD_NAMES: Record<string, string> = {
  aliases: 'alias',
  snippets: 'snippet',
  ...Object.fromEntries(AS_REPORTED),
};
const WINDOW = 240;
const MAX_HIGHLIGHTS = 3;

const SUFFIXES = ['ments', 'ment', 'ings', 'ing', 'ed', 'es', 's'];
/** A rough stem for comparing words (investments ~ invested); the index's own stemmer decided the hit. */
const stem = (w: string) => {
  for (const s of SUFFIXES) if (w.length - s.length >= 4 && w.endsWith(s)) return w.slice(0, -s.length);
  return w;
};
const NON_LATIN = /[^\p{Script=Latin}\p{N}\s\p{P}\p{S}]/u;

function tokenMatches(token: string, form: string): boolean {
  if (token === form || singular(token) === singular(form)) return true;
  if (/^\d+$/.test(form)) return false;
  if (form.length > 1 && token.startsWith(form)) return true;
  return form.length >= 4 && stem(token) === stem(form);
}

/** Where any form of any term occurs in `text`: words compared as words (prefix, plural, rough stem); phrases and
 * non-Latin scripts (no spaces between words) as substrings, ignoring case. */
export function findMatches(text: string, terms: string[][]): TextRange[] {
  const lower = text.toLowerCase();
  const ranges: TextRange[] = [];
  const forms = terms.flat();
  for (const form of forms.filter((f) => f.includes(' ') || NON_LATIN.test(f))) {
    for (let at = lower.indexOf(form); at >= 0; at = lower.indexOf(form, at + form.length)) {
      ranges.push({ start: at, end: at + form.length });
    }
  }
  const wordForms = forms.filter((f) => !f.includes(' ') && !NON_LATIN.test(f));
  for (const m of lower.matchAll(/[\p{L}\p{N}%]+/gu)) {
    if (wordForms.some((f) => tokenMatches(m[0], f))) ranges.push({ start: m.index, end: m.index + m[0].length });
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function highlight(field: string, full: string, ranges: TextRange[]): SearchHighlight {
  let text = full;
  let matches = ranges;
  if (full.length > WINDOW) {
    const first = ranges[0] ?? { start: 0, end: 0 };
    const from = Math.max(0, Math.min(first.start - WINDOW / 3, full.length - WINDOW));
    const to = Math.min(full.length, from + WINDOW);
    const lead = from > 0 ? '…' : '';
    text = `${lead}${full.slice(from, to)}${to < full.length ? '…' : ''}`;
    matches = ranges
      .filter((r) => r.start >= from && r.end <= to)
      .map((r) => ({ start: r.start - from + lead.length, end: r.end - from + lead.length }));
  }
  let marked = '';
  let at = 0;
  for (const r of matches) {
    marked += `${escapeHtml(text.slice(at, r.start))}<mark>${escapeHtml(text.slice(r.start, r.end))}</mark>`;
    at = r.end;
  }
  marked += escapeHtml(text.slice(at));
  return { field, text, matches, marked };
}

/** Up to three highlighted texts of a hit: its fields in FIELDS order that contain a term of the query. */
export function highlightsOf(values: Record<string, unknown>, terms: string[][]): SearchHighlight[] {
  const out: SearchHighlight[] = [];
  for (const field of FIELDS) {
    const value = values[field];
    const texts = Array.isArray(value) ? value : [value];
    for (const text of texts) {
      if (typeof text !== 'string' || text.length === 0) continue;
      const ranges = findMatches(text, terms);
      if (ranges.length > 0) out.push(highlight(FIELD_NAMES[field] ?? field, text, ranges));
      if (out.length === MAX_HIGHLIGHTS) return out;
    }
  }
  return out;
}
