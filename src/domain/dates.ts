/**
 * Calendar dates as sources state them: "2024", "2024-06" or "2024-06-30" (ISO 8601, proleptic
 * Gregorian, years 0001–9999). Month and day must exist: 2024-02-29 is a date, 2023-02-29 and
 * 2024-13-45 are not.
 */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `text` is not a real (partial) calendar date, or null when it is one. */
export function calendarDateProblem(text: string): string | null {
  const match = PARTIAL_DATE.exec(text);
  if (!match) return `"${text}" is not a date written YYYY, YYYY-MM or YYYY-MM-DD`;
  const [, y, m, d] = match;
  const year = Number(y);
  if (year < 1) return `"${text}": there is no year 0000`;
  if (m === undefined) return null;
  const month = Number(m);
  if (month < 1 || month > 12) return `"${text}": month ${m} does not exist`;
  if (d === undefined) return null;
  const day = Number(d);
  if (day < 1 || day > daysInMonth(year, month)) return `"${text}": ${y}-${m} has no day ${d}`;
  return null;
}

export const isCalendarDate = (text: string) => calendarDateProblem(text) === null;
