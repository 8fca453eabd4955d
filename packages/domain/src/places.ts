/**
 * Where a customer lives: the countries a form offers and the API accepts, and for the United
 * States the state, which is required — the California count the Attorney General threshold
 * uses (P-17) counts customers whose state is CA, so a state must be one of these codes.
 *
 * Codes only: names come from the browser's or the server's own `Intl.DisplayNames` in the
 * reader's language (`countryName`), so no country-name data ships with the portal.
 */

/**
 * Every officially assigned ISO 3166-1 alpha-2 code (249), in order. Written as one string of
 * pairs, which the portal's bundle carries at a third of an array literal's size.
 */
const CODES =
  "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCD" +
  "CFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGF" +
  "GGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKN" +
  "KPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA" +
  "NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSI" +
  "SJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI" +
  "VNVUWFWSYEYTZAZMZW";

export const COUNTRY_CODES: readonly string[] = CODES.match(/[A-Z]{2}/g) ?? [];

const COUNTRY_SET: ReadonlySet<string> = new Set(COUNTRY_CODES);

export function isCountryCode(code: string): boolean {
  return COUNTRY_SET.has(code);
}

/**
 * The 50 states and the District of Columbia, by USPS / ISO 3166-2 code, with their names
 * (proper names, the same in every language the portal speaks). Puerto Rico, Guam, the US
 * Virgin Islands, American Samoa and the Northern Mariana Islands have country codes of their
 * own (PR, GU, VI, AS, MP) and are chosen as countries.
 */
export const US_STATES: ReadonlyArray<readonly [code: string, name: string]> = [
  ["AL", "Alabama"],
  ["AK", "Alaska"],
  ["AZ", "Arizona"],
  ["AR", "Arkansas"],
  ["CA", "California"],
  ["CO", "Colorado"],
  ["CT", "Connecticut"],
  ["DE", "Delaware"],
  ["DC", "District of Columbia"],
  ["FL", "Florida"],
  ["GA", "Georgia"],
  ["HI", "Hawaii"],
  ["ID", "Idaho"],
  ["IL", "Illinois"],
  ["IN", "Indiana"],
  ["IA", "Iowa"],
  ["KS", "Kansas"],
  ["KY", "Kentucky"],
  ["LA", "Louisiana"],
  ["ME", "Maine"],
  ["MD", "Maryland"],
  ["MA", "Massachusetts"],
  ["MI", "Michigan"],
  ["MN", "Minnesota"],
  ["MS", "Mississippi"],
  ["MO", "Missouri"],
  ["MT", "Montana"],
  ["NE", "Nebraska"],
  ["NV", "Nevada"],
  ["NH", "New Hampshire"],
  ["NJ", "New Jersey"],
  ["NM", "New Mexico"],
  ["NY", "New York"],
  ["NC", "North Carolina"],
  ["ND", "North Dakota"],
  ["OH", "Ohio"],
  ["OK", "Oklahoma"],
  ["OR", "Oregon"],
  ["PA", "Pennsylvania"],
  ["RI", "Rhode Island"],
  ["SC", "South Carolina"],
  ["SD", "South Dakota"],
  ["TN", "Tennessee"],
  ["TX", "Texas"],
  ["UT", "Utah"],
  ["VT", "Vermont"],
  ["VA", "Virginia"],
  ["WA", "Washington"],
  ["WV", "West Virginia"],
  ["WI", "Wisconsin"],
  ["WY", "Wyoming"],
];

const US_STATE_SET: ReadonlySet<string> = new Set(US_STATES.map(([code]) => code));

export function isUsState(code: string): boolean {
  return US_STATE_SET.has(code);
}

/** The one state whose residents the Attorney General threshold counts (P-17). */
export const CALIFORNIA = "CA";

/** A country's name in the reader's language; the code itself where the runtime has none. */
export function countryName(code: string, names: Intl.DisplayNames): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country as [code, name] in the given language, ordered by name as that language sorts. */
export function countriesIn(locale: string | readonly string[]): Array<[string, string]> {
  const locales = typeof locale === "string" ? [locale] : [...locale];
  const names = new Intl.DisplayNames(locales, { type: "region", fallback: "code" });
  const collator = new Intl.Collator(locales);
  return COUNTRY_CODES.map((code): [string, string] => [code, countryName(code, names)]).sort(
    (a, b) => collator.compare(a[1], b[1]),
  );
}

/** Why a country code is not accepted, in words; null when it is one of COUNTRY_CODES. */
export function countryProblem(code: string): string | null {
  if (code.trim() === "") return "Choose the country you live in.";
  return isCountryCode(code.trim().toUpperCase()) ? null : "Choose a country from the list.";
}

/**
 * Why a state does not go with a country, in words; null when it does. For the United States a
 * state from US_STATES is required; elsewhere a region is optional and only its shape checked.
 */
export function regionProblem(country: string, region: string | null | undefined): string | null {
  const code = (region ?? "").trim().toUpperCase();
  if (country.trim().toUpperCase() === "US") {
    if (code === "") return "Choose the state you live in.";
    return isUsState(code) ? null : "Choose a state from the list.";
  }
  if (code === "") return null;
  return /^[A-Z0-9]{1,3}$/.test(code) ? null : "Use a state or province code such as BY.";
}
