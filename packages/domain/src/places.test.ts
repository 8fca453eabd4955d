import { describe, expect, it } from "vitest";
import {
  COUNTRY_CODES,
  countriesIn,
  countryProblem,
  isCountryCode,
  isUsState,
  regionProblem,
  US_STATES,
} from "./places.js";

describe("countries", () => {
  it("are every assigned ISO 3166-1 alpha-2 code, once each", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    for (const code of ["US", "DE", "GB", "AX", "BQ", "SS", "PR", "VA"]) {
      expect(isCountryCode(code)).toBe(true);
    }
  });

  it("leave out codes that name no country: reserved, withdrawn, user-assigned", () => {
    for (const code of ["UK", "EU", "UN", "ZZ", "XK", "YU", "QO", "EL", "us", "USA"]) {
      expect(isCountryCode(code)).toBe(false);
    }
  });

  it("are named in the reader's language, from the runtime, sorted as that language sorts", () => {
    const english = countriesIn("en");
    expect(english).toHaveLength(249);
    expect(english.find(([code]) => code === "DE")?.[1]).toBe("Germany");
    expect(countriesIn("de").find(([code]) => code === "DE")?.[1]).toBe("Deutschland");
    const names = english.map(([, name]) => name);
    expect(names.indexOf("Austria")).toBeLessThan(names.indexOf("Belgium"));
    // Every code has a real name, never the bare code.
    expect(english.filter(([code, name]) => code === name)).toEqual([]);
  });

  it("refuse an empty or unknown country in words", () => {
    expect(countryProblem("")).toBe("Choose the country you live in.");
    expect(countryProblem("ZZ")).toBe("Choose a country from the list.");
    expect(countryProblem("de")).toBeNull();
  });
});

describe("US states", () => {
  it("are the 50 states and DC", () => {
    expect(US_STATES).toHaveLength(51);
    expect(isUsState("CA")).toBe(true);
    expect(isUsState("DC")).toBe(true);
    expect(isUsState("ZZ")).toBe(false);
    expect(isUsState("PR")).toBe(false); // a country code of its own
  });

  it("are required for the US and must come from the list", () => {
    expect(regionProblem("US", null)).toBe("Choose the state you live in.");
    expect(regionProblem("US", " ")).toBe("Choose the state you live in.");
    expect(regionProblem("US", "ZZ")).toBe("Choose a state from the list.");
    expect(regionProblem("US", "California")).toBe("Choose a state from the list.");
    expect(regionProblem("US", "ca")).toBeNull();
  });

  it("leave other countries' regions optional", () => {
    expect(regionProblem("DE", null)).toBeNull();
    expect(regionProblem("DE", "BY")).toBeNull();
    expect(regionProblem("DE", "Bavaria!")).toBe("Use a state or province code such as BY.");
  });
});
