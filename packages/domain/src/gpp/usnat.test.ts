import { GppModel } from "@iabgpp/cmpapi";
import { describe, expect, it } from "vitest";
import type { ConsentSnapshot } from "../consent.js";
import { compressedBase64Url, fibonacciInteger } from "./bits.js";
import {
  encodeGppHeader,
  encodeUsNatGpp,
  encodeUsNatSection,
  gppStringFor,
  USNAT_SECTION_ID,
  type UsNatFields,
} from "./usnat.js";

/** What IAB's own library (@iabgpp/cmpapi) reads in a string: the check is theirs, not ours. */
function decodedByIab(gpp: string) {
  const model = new GppModel(gpp);
  return {
    sectionIds: model.getHeader().SectionIds as number[],
    usnat: model.getSection("usnat") as Record<string, unknown>,
  };
}

const NOTHING_APPLIES: UsNatFields = {
  sharingNotice: 0,
  saleOptOutNotice: 0,
  sharingOptOutNotice: 0,
  targetedAdvertisingOptOutNotice: 0,
  sensitiveDataProcessingOptOutNotice: 0,
  sensitiveDataLimitUseNotice: 0,
  saleOptOut: 0,
  sharingOptOut: 0,
  targetedAdvertisingOptOut: 0,
  sensitiveDataProcessing: new Array(16).fill(0),
  knownChildSensitiveDataConsents: [0, 0, 0],
  personalDataConsents: 0,
  mspaCoveredTransaction: 1,
  mspaOptOutOptionMode: 0,
  mspaServiceProviderMode: 0,
  gpc: false,
};

describe("the IAB GPP string, US national section", () => {
  it("writes the header of the IAB spec's usnat examples, DBABLA (type 3, version 1, section 7)", () => {
    expect(encodeGppHeader([USNAT_SECTION_ID])).toBe("DBABLA");
    expect(fibonacciInteger(1)).toBe("11");
    expect(fibonacciInteger(7)).toBe("01011");
    expect(compressedBase64Url("011")).toBe("YA");
  });

  it("writes IAB's usnat test vectors byte for byte", () => {
    // The fields of the reference library's own UsNat test vectors (iabgpp-es,
    // UsNat.test.ts): its defaults, and every field set, published there as "BAAAAAAAAABA.QA"
    // and "BVVVkkkkkpFY.YA" with the version field at 1; @iabgpp/cmpapi 3.2 writes the same
    // fields at version 2, the one the spec now defines, and the strings differ only in the
    // first character (the 6-bit version: B = 1, C = 2). Fixed strings, so the test does not
    // lean on the library's encoder.
    expect(encodeUsNatSection(NOTHING_APPLIES)).toBe("CAAAAAAAAABA.QA");
    expect(
      encodeUsNatSection({
        sharingNotice: 1,
        saleOptOutNotice: 1,
        sharingOptOutNotice: 1,
        targetedAdvertisingOptOutNotice: 1,
        sensitiveDataProcessingOptOutNotice: 1,
        sensitiveDataLimitUseNotice: 1,
        saleOptOut: 1,
        sharingOptOut: 1,
        targetedAdvertisingOptOut: 1,
        sensitiveDataProcessing: [2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2],
        knownChildSensitiveDataConsents: [2, 1, 0],
        personalDataConsents: 1,
        mspaCoveredTransaction: 1,
        mspaOptOutOptionMode: 1,
        mspaServiceProviderMode: 2,
        gpc: true,
      }),
    ).toBe("CVVVkkkkkpFY.YA");
  });

  it("writes a whole fixed GPP string, header and section, that IAB's library reads back field for field", () => {
    const everything: UsNatFields = {
      ...NOTHING_APPLIES,
      sharingNotice: 1,
      saleOptOutNotice: 1,
      sharingOptOutNotice: 1,
      targetedAdvertisingOptOutNotice: 1,
      sensitiveDataProcessingOptOutNotice: 1,
      sensitiveDataLimitUseNotice: 1,
      saleOptOut: 1,
      sharingOptOut: 1,
      targetedAdvertisingOptOut: 1,
      sensitiveDataProcessing: [2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2],
      knownChildSensitiveDataConsents: [2, 1, 0],
      personalDataConsents: 1,
      mspaOptOutOptionMode: 1,
      mspaServiceProviderMode: 2,
      gpc: true,
    };
    const gpp = encodeUsNatGpp(everything);
    expect(gpp).toBe("DBABLA~CVVVkkkkkpFY.YA");
    expect(decodedByIab(gpp).usnat).toMatchObject({
      SensitiveDataProcessing: everything.sensitiveDataProcessing,
      KnownChildSensitiveDataConsents: [2, 1, 0],
      MspaServiceProviderMode: 2,
      Gpc: true,
    });
  });

  const cases: ReadonlyArray<{
    name: string;
    consents: ConsentSnapshot;
    gpc: boolean;
    optOut: 1 | 2;
  }> = [
    { name: "never asked", consents: {}, gpc: false, optOut: 1 },
    { name: "advertising given", consents: { REMARKETING: "GIVEN" }, gpc: false, optOut: 2 },
    {
      name: "advertising given, GPC sent",
      consents: { REMARKETING: "GIVEN" },
      gpc: true,
      optOut: 1,
    },
    {
      name: "advertising withdrawn",
      consents: { REMARKETING: "WITHDRAWN" },
      gpc: false,
      optOut: 1,
    },
    { name: "advertising refused", consents: { REMARKETING: "REFUSED" }, gpc: false, optOut: 1 },
    { name: "advertising expired", consents: { REMARKETING: "EXPIRED" }, gpc: false, optOut: 1 },
    {
      name: "everything but advertising given",
      consents: { MARKETING: "GIVEN", PERSONALISATION: "GIVEN", SERVICE_IMPROVEMENT: "GIVEN" },
      gpc: false,
      optOut: 1,
    },
    { name: "nothing, GPC sent", consents: {}, gpc: true, optOut: 1 },
  ];

  for (const { name, consents, gpc, optOut } of cases) {
    it(`[P-15] ${name}: IAB's decoder reads opt-outs ${optOut} and GPC ${gpc}`, () => {
      const gpp = gppStringFor(consents, gpc);
      const { sectionIds, usnat } = decodedByIab(gpp);
      expect(sectionIds).toEqual([7]);
      expect(usnat).toMatchObject({
        Version: 2,
        SharingNotice: 1,
        SaleOptOutNotice: 1,
        SharingOptOutNotice: 1,
        TargetedAdvertisingOptOutNotice: 1,
        SensitiveDataProcessingOptOutNotice: 0,
        SensitiveDataLimitUseNotice: 0,
        SaleOptOut: optOut,
        SharingOptOut: optOut,
        TargetedAdvertisingOptOut: optOut,
        SensitiveDataProcessing: new Array(16).fill(0),
        KnownChildSensitiveDataConsents: [0, 0, 0],
        PersonalDataConsents: 0,
        MspaCoveredTransaction: 2,
        MspaOptOutOptionMode: 0,
        MspaServiceProviderMode: 0,
        GpcSegmentType: 1,
        Gpc: gpc,
      });
    });
  }

  it("changes when advertising consent is withdrawn", () => {
    const before = gppStringFor({ REMARKETING: "GIVEN" }, false);
    const after = gppStringFor({ REMARKETING: "WITHDRAWN" }, false);
    expect(before).not.toBe(after);
    expect(decodedByIab(before).usnat.SaleOptOut).toBe(2);
    expect(decodedByIab(after).usnat.SaleOptOut).toBe(1);
  });

  it("refuses a list of the wrong length rather than write a string no one can read", () => {
    expect(() =>
      encodeUsNatSection({ ...NOTHING_APPLIES, knownChildSensitiveDataConsents: [0, 0] }),
    ).toThrow(/3 entries/);
  });
});
