import { fakeApi } from "@privet/ui/test-support/fake-client";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Recipients } from "./data-uses.js";

const recipient = (name: string, purpose: string, legalBasis: string) => ({
  name,
  kind: legalBasis === "CONSENT" ? "ADVERTISING" : "CLOUD_STORAGE",
  region: "EU",
  country: "DE",
  description: `${name} runs part of the service.`,
  purposes: [{ purpose, description: `Used for ${purpose.toLowerCase()}.`, legalBasis }],
});

const dataMap = [
  {
    key: "contact",
    label: "Contact",
    categories: [
      {
        key: "user.contact.email",
        label: "Email address",
        neverShared: false,
        purposes: [],
        recipients: [
          recipient("AdsCo", "REMARKETING", "CONSENT"),
          recipient("CloudCo", "SUPPORT", "CONTRACT"),
        ],
      },
    ],
  },
];

function show(remarketing: "GIVEN" | "WITHDRAWN") {
  const api = fakeApi({
    DataMap: () => ({ dataMap }),
    MyConsentStates: () => ({
      myConsents: [
        { purpose: "REMARKETING", state: remarketing },
        { purpose: "MARKETING", state: "GIVEN" },
      ],
    }),
  });
  render(<Recipients />, { wrapper: api.wrapper });
}

const card = async (name: string) =>
  within((await screen.findByRole("heading", { name })).closest("li") as HTMLElement);

describe("where your data goes", () => {
  it("[P-07] a consent-based processor receives your data while you allow it, and says so", async () => {
    show("GIVEN");
    const ads = await card("AdsCo");
    expect(
      ads.getByText("You allow this in your consents, so it receives your data while you do."),
    ).toBeTruthy();
    // A processor that works under the contract needs no consent: no such note.
    expect((await card("CloudCo")).queryByText(/in your consents/)).toBeNull();
  });

  it("[P-07] one you have not allowed says it receives none of your data", async () => {
    show("WITHDRAWN");
    const ads = await card("AdsCo");
    expect(
      ads.getByText(
        "You have not allowed this in your consents, so it receives none of your data.",
      ),
    ).toBeTruthy();
    expect(ads.getByText(/holds data in/).textContent).toContain("EU");
  });
});
