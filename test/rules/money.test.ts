import { describe, expect, it } from 'vitest';
import {
  CURRENCY_EXPONENTS,
  currencyExponent,
  isCurrency,
  unknownCurrencyMessage,
} from '../../src/domain/currencies.ts';
import { compareDecimals, isNegativeDecimal } from '../../src/domain/decimal.ts';
import { fromBasisPoints, fromMinorUnits, toBasisPoints, toMinorUnits } from '../../src/domain/money.ts';
import { thrown } from './thrown.ts';

/**
 * Money as exact minor units (src/domain/money.ts), exact decimal comparison (decimal.ts) and the ISO 4217 table
 * (currencies.ts). Expected values are worked out by hand from ISO 4217's minor units (JPY 0, USD 2, KWD 3) and
 * int64's maximum 2^63 − 1 = 9 223 372 036 854 775 807, not computed with the code under test.
 */
describe('toMinorUnits', () => {
  it('scales by the currency exponent: 0 (JPY), 2 (USD, CNY), 3 (KWD)', () => {
    expect(toMinorUnits('23000000000', 'CNY')).toBe(2_300_000_000_000n);
    expect(toMinorUnits('100', 'JPY')).toBe(100n);
    expect(toMinorUnits('12.5', 'USD')).toBe(1250n);
    expect(toMinorUnits('0.07', 'USD')).toBe(7n);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234n);
    expect(toMinorUnits('1.2', 'KWD')).toBe(1200n);
    expect(toMinorUnits('0', 'USD')).toBe(0n);
  });

  it('keeps the sign of negative amounts', () => {
    expect(toMinorUnits('-12.5', 'USD')).toBe(-1250n);
    expect(toMinorUnits('-0.01', 'USD')).toBe(-1n);
    expect(toMinorUnits('-7', 'JPY')).toBe(-7n);
  });

  it('accepts trailing zeros beyond the exponent, refuses real extra decimals naming the currency', () => {
    expect(toMinorUnits('100.00', 'JPY')).toBe(100n);
    expect(toMinorUnits('12.500', 'USD')).toBe(1250n);
    const jpy = thrown(() => toMinorUnits('100.5', 'JPY'));
    expect(jpy.code).toBe('BAD_USER_INPUT');
    expect(jpy.message).toBe('100.5 JPY has more decimals than JPY allows (0)');
    expect(jpy.details).toEqual({ amount: '100.5' });
    expect(thrown(() => toMinorUnits('0.001', 'USD')).message).toBe('0.001 USD has more decimals than USD allows (2)');
    expect(thrown(() => toMinorUnits('1.2345', 'KWD')).message).toBe(
      '1.2345 KWD has more decimals than KWD allows (3)',
    );
  });

  it('stores exactly up to int64 minor units and refuses one more', () => {
    expect(toMinorUnits('92233720368547758.07', 'USD')).toBe(9_223_372_036_854_775_807n);
    expect(toMinorUnits('9223372036854775807', 'JPY')).toBe(9_223_372_036_854_775_807n);
    const over = thrown(() => toMinorUnits('92233720368547758.08', 'USD'));
    expect(over.code).toBe('BAD_USER_INPUT');
    expect(over.message).toBe(
      '92233720368547758.08 USD is too large to store exactly (at most 9223372036854775807 minor units)',
    );
    expect(over.details).toEqual({ amount: '92233720368547758.08' });
    expect(thrown(() => toMinorUnits('9223372036854775808', 'JPY')).code).toBe('BAD_USER_INPUT');
    expect(thrown(() => toMinorUnits('-9223372036854775808', 'JPY')).code).toBe('BAD_USER_INPUT');
  });

  it('refuses a code that is not ISO 4217, with the one message', () => {
    const error = thrown(() => toMinorUnits('1', 'usd'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(
      'currency: "usd" is not an ISO 4217 currency code (three upper-case letters, e.g. CNY, USD, EUR)',
    );
    expect(error.details).toEqual({ currency: 'usd' });
  });
});

describe('fromMinorUnits', () => {
  it('writes the shortest exact decimal: trailing fraction zeros and a bare point dropped', () => {
    expect(fromMinorUnits(2_300_000_000_000n, 'CNY')).toBe('23000000000');
    expect(fromMinorUnits(1250n, 'USD')).toBe('12.5');
    expect(fromMinorUnits(1234n, 'USD')).toBe('12.34');
    expect(fromMinorUnits(7n, 'USD')).toBe('0.07');
    expect(fromMinorUnits(0n, 'USD')).toBe('0');
    expect(fromMinorUnits(100n, 'JPY')).toBe('100');
    expect(fromMinorUnits(1234n, 'KWD')).toBe('1.234');
    expect(fromMinorUnits(1000n, 'KWD')).toBe('1');
    expect(fromMinorUnits(5n, 'KWD')).toBe('0.005');
  });

  it('keeps the sign, reads strings (as Neo4j integers arrive) and int64 extremes exactly', () => {
    expect(fromMinorUnits(-1n, 'USD')).toBe('-0.01');
    expect(fromMinorUnits(-1250n, 'USD')).toBe('-12.5');
    expect(fromMinorUnits(-5n, 'JPY')).toBe('-5');
    expect(fromMinorUnits('1050', 'USD')).toBe('10.5');
    expect(fromMinorUnits('9223372036854775807', 'USD')).toBe('92233720368547758.07');
    expect(fromMinorUnits('-9223372036854775808', 'JPY')).toBe('-9223372036854775808');
  });

  it('reads a code outside the table with two decimals', () => {
    expect(fromMinorUnits(1234n, 'XXX')).toBe('12.34');
    expect(fromMinorUnits(5n, 'xyz')).toBe('0.05');
  });
});

describe('basis points', () => {
  it('a percentage to hundredths of a percent, and back', () => {
    expect(toBasisPoints('123')).toBe(12_300n);
    expect(toBasisPoints('6.5')).toBe(650n);
    expect(toBasisPoints('0.01')).toBe(1n);
    expect(toBasisPoints('1.230')).toBe(123n);
    expect(toBasisPoints('1.2300')).toBe(123n);
    expect(toBasisPoints('-3.25')).toBe(-325n);
    expect(toBasisPoints('-0.5')).toBe(-50n);
    expect(fromBasisPoints(650)).toBe('6.5');
    expect(fromBasisPoints(12_300n)).toBe('123');
    expect(fromBasisPoints('-325')).toBe('-3.25');
    expect(fromBasisPoints(1)).toBe('0.01');
  });

  it('refuses a percentage finer than 0.01 %', () => {
    const error = thrown(() => toBasisPoints('0.001'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Percentage 0.001 is finer than 0.01 %');
    expect(thrown(() => toBasisPoints('-12.345')).message).toBe('Percentage -12.345 is finer than 0.01 %');
  });
});

describe('compareDecimals', () => {
  it('compares exactly where floats cannot (2^53 + 1 against 2^53)', () => {
    expect(compareDecimals('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimals('9007199254740992', '9007199254740993')).toBe(-1);
    expect(compareDecimals('9007199254740993', '9007199254740993')).toBe(0);
  });

  it('aligns fractions of different lengths, and numbers, not strings', () => {
    expect(compareDecimals('1.05', '1.5')).toBe(-1);
    expect(compareDecimals('1.5', '1.05')).toBe(1);
    expect(compareDecimals('-12.50', '-12.5')).toBe(0);
    expect(compareDecimals('10', '9')).toBe(1);
    expect(compareDecimals('0.1', '0.09')).toBe(1);
    expect(compareDecimals('2', '2.000')).toBe(0);
  });

  it('orders negatives below positives and below each other by magnitude', () => {
    expect(compareDecimals('-1', '1')).toBe(-1);
    expect(compareDecimals('1', '-1')).toBe(1);
    expect(compareDecimals('-2', '-1')).toBe(-1);
    expect(compareDecimals('-0.5', '0')).toBe(-1);
  });

  it('isNegativeDecimal: strictly below zero', () => {
    expect(isNegativeDecimal('-0.01')).toBe(true);
    expect(isNegativeDecimal('-7')).toBe(true);
    expect(isNegativeDecimal('0')).toBe(false);
    expect(isNegativeDecimal('-0')).toBe(false);
    expect(isNegativeDecimal('0.01')).toBe(false);
  });
});

describe('ISO 4217 table', () => {
  it('gives the minor-unit exponents of ISO 4217', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('BIF')).toBe(0);
    expect(currencyExponent('XPF')).toBe(0);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('AED')).toBe(2);
    expect(currencyExponent('ZWG')).toBe(2);
    expect(currencyExponent('CNY')).toBe(2);
    expect(currencyExponent('INR')).toBe(2);
    expect(currencyExponent('MXN')).toBe(2);
    expect(currencyExponent('SGD')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('BHD')).toBe(3);
    expect(currencyExponent('TND')).toBe(3);
  });

  it('leaves out funds, metals, SDR, test codes, lower case and prototype names', () => {
    for (const code of ['XTS', 'XXX', 'XAU', 'XDR', 'usd', 'US', 'USDD', '', 'constructor', '__proto__', 'toString']) {
      expect(currencyExponent(code)).toBeUndefined();
      expect(isCurrency(code)).toBe(false);
    }
    expect(isCurrency('USD')).toBe(true);
    expect(isCurrency(840)).toBe(false);
    expect(isCurrency(undefined)).toBe(false);
    expect([...CURRENCY_EXPONENTS.keys()].every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
  });

  it('names the bad code in one message', () => {
    expect(unknownCurrencyMessage('usd')).toBe(
      '"usd" is not an ISO 4217 currency code (three upper-case letters, e.g. CNY, USD, EUR)',
    );
    expect(unknownCurrencyMessage(42)).toBe(
      '42 is not an ISO 4217 currency code (three upper-case letters, e.g. CNY, USD, EUR)',
    );
  });
});
