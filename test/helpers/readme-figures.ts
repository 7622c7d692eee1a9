/**
 * Reads the figures the README's "Asking questions" section states about each example's answer, so that a test can
 * check them against the example's checked-in expected answer (the one source of both).
 */
export interface ReadmeExample {
  /** `01-capex-ranking` … */
  name: string;
  /** "3 statements" → 3. */
  statements?: number;
  /** Verbatim words in quotes, split at "…". */
  quoted: string[];
  /** Backticked enum values (`more_than`) and field names (`missingMembers`); `field: value` pairs. */
  values: string[];
  fields: string[];
  pairs: [string, string][];
  /** Numbers of the prose, and of each table row (a row's numbers belong to one answer item). */
  numbers: string[];
  rows: string[][];
}

const HEADING = /^\*\*\d+\. [^*]+\*\* \(`(\d\d-[\w-]+)`[^)]*\)/gm;
/** A number as the README writes it: `23 000 000 000`, `−314 303 782.92`, `5.03`; not the 100 of `H100`. */
const NUMBER = /(?<![\w.\-–])([+−-]?)(\d{1,3}(?: \d{3})+|\d+)(\.\d+)?(?![\w])/g;

export function readmeExamples(readme: string): ReadmeExample[] {
  const start = readme.indexOf('## Asking questions');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  const headings = [...section.matchAll(HEADING)];
  return headings.map((h, i) => {
    let text = section.slice(h.index! + h[0].length, headings[i + 1]?.index ?? section.length);
    text = text.replace(/```[\s\S]*?```/g, ' ');
    const example: ReadmeExample = {
      name: h[1]!,
      quoted: [],
      values: [],
      fields: [],
      pairs: [],
      numbers: [],
      rows: [],
    };
    text = text.replace(/`([^`]+)`/g, (_m, code: string) => {
      const pair = /^(\w+): (\w+)$/.exec(code);
      if (pair) example.pairs.push([pair[1]!, pair[2]!]);
      else if (/^[a-z]+(_[a-z]+)*$/.test(code)) example.values.push(code);
      else if (/^[a-z]+[A-Z]\w*$/.test(code)) example.fields.push(code);
      return ' ';
    });
    text = text.replace(/"([^"]+)"|“([^”]+)”/g, (_m, a?: string, b?: string) => {
      example.quoted.push(
        ...(a ?? b)!
          .replace(/\s+/g, ' ')
          .split('…')
          .map((s) => s.trim())
          .filter(Boolean),
      );
      return ' ';
    });
    text = text.replace(/\b(\d+) statements?\b/, (_m, n: string) => {
      example.statements = Number(n);
      return ' ';
    });
    const lines = text.split('\n');
    const table = lines.filter((l) => l.startsWith('|'));
    // The first line of a table is its header, the second its rule.
    example.rows = table.slice(2).map(numbersIn);
    example.numbers = numbersIn(lines.filter((l) => !l.startsWith('|')).join('\n'));
    return example;
  });
}

/** Numbers as canonical decimal strings: `−314 303 782.92` → `-314303782.92`, `+176` → `176`. */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(NUMBER)].map(
    ([, sign, digits, fraction]) =>
      `${sign === '−' || sign === '-' ? '-' : ''}${digits!.replace(/ /g, '')}${fraction ?? ''}`,
  );
}

/** Every scalar of an answer, with the keys it appears under. */
export function scalarsOf(
  value: unknown,
  out: { keys: Set<string>; scalars: unknown[] } = { keys: new Set(), scalars: [] },
) {
  if (Array.isArray(value)) for (const v of value) scalarsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.keys.add(k);
      scalarsOf(v, out);
    }
  } else if (value !== null && value !== undefined) out.scalars.push(value);
  return out;
}

/**
 * Whether a README number is in an answer: equal to a number (or numeric string) there, to as many decimals as the
 * README gives (`5.03` for a score of 5.0312…), or written inside one of its strings (`2023` of `2023-03-01`).
 */
export function numberIn(number: string, scalars: unknown[]): boolean {
  const decimals = number.split('.')[1]?.length ?? 0;
  return scalars.some((s) => {
    const text = String(s);
    if (/^-?\d+(\.\d+)?$/.test(text)) {
      return decimals === 0 ? text === number : Number(text).toFixed(decimals) === number;
    }
    return typeof s === 'string' && s.includes(number.replace(/^-/, ''));
  });
}

/** The elements of every array in an answer (a table row describes one of them). */
export function itemsOf(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) {
    out.push(...value);
    for (const v of value) itemsOf(v, out);
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) itemsOf(v, out);
  return out;
}

/** Whether some object in an answer has `key` with a value written `value` (`yearInferred: true`). */
export function hasPair(answer: unknown, key: string, value: string): boolean {
  if (Array.isArray(answer)) return answer.some((v) => hasPair(v, key, value));
  if (!answer || typeof answer !== 'object') return false;
  const record = answer as Record<string, unknown>;
  return (key in record && String(record[key]) === value) || Object.values(record).some((v) => hasPair(v, key, value));
}
