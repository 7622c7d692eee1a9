/**
 * ISO 4217 currencies with their minor-unit exponents (digits after the decimal point), from the
 * ISO 4217 list of active codes (table A.1). Funds, precious metals, SDR and the test codes (XTS, XXX)
 * are left out: they have no minor unit or are not money a source reports.
 * A Map, so "constructor", "__proto__" or "toString" are never mistaken for codes.
 */
const BY_EXPONENT: Record<0 | 2 | 3, string> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF',
  2:
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF ' +
    'CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF ' +
    'IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR ' +
    'MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD ' +
    'SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG ' +
    'YER ZAR ZMW ZWG',
  3: 'BHD IQD JOD KWD LYD OMR TND',
};

export const CURRENCY_EXPONENTS: ReadonlyMap<string, number> = new Map(
  Object.entries(BY_EXPONENT).flatMap(([exponent, codes]) =>
    codes.split(' ').map((code) => [code, Number(exponent)] as const),
  ),
);

/** The minor-unit exponent of an ISO 4217 code, or undefined for anything else (lower case included). */
export const currencyExponent = (code: string): number | undefined => CURRENCY_EXPONENTS.get(code);

export const isCurrency = (code: unknown): code is string => typeof code === 'string' && CURRENCY_EXPONENTS.has(code);

/** The one message for an unknown currency (API and importer). */
export const unknownCurrencyMessage = (code: unknown) =>
  `${JSON.stringify(code)} is not an ISO 4217 currency code (three upper-case letters, e.g. CNY, USD, EUR)`;
