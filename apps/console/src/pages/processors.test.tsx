import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { refusal, sent } from "../test-support/console.js";
import { ProcessorsPage } from "./processors.js";

const agreement = (over: Record<string, unknown> = {}) => ({
  id: "ag1",
  reference: "DPA-2026-01",
  purposes: ["SERVICE_ANNOUNCEMENTS"],
  categories: ["user.contact.email"],
  signedAt: "2026-01-10T12:00:00.000Z",
  validFrom: "2026-01-15T12:00:00.000Z",
  validUntil: "2026-12-07T12:00:00.000Z",
  terminatedAt: null,
  ...over,
});

const processor = (over: Record<string, unknown>) => ({
  id: "p-mail",
  name: "MailCo",
  kind: "EMAIL_SERVICE",
  region: "EU",
  country: "IE",
  description: "Sends email.",
  agreementInForce: true,
  daysUntilExpiry: 200,
  expiringSoon: false,
  agreements: [agreement()],
  apiKeys: [] as unknown[],
  ...over,
});

const FULL_KEY = "pk_live_3f9a1c0d5e7b4a2c9d8e6f1a0b3c5d7e";
const ROTATED_KEY = "privet_pk_9ZxQ2mYt7LkP0aBcDeFgHiJkLmNoPqRs1ggZdL";

function setup(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const keys = [
    {
      id: "k1",
      prefix: "pk_live_77aa",
      label: "Production",
      createdAt: "2026-01-15T12:00:00.000Z",
      lastUsedAt: null as string | null,
      revokedAt: null as string | null,
      expiresAt: null as string | null,
      purposes: [] as string[],
      replacedById: null as string | null,
    },
  ];
  const api = fakeApi({
    ProcessorRegistry: () => ({
      processors: [
        processor({ expiringSoon: true, daysUntilExpiry: 12, apiKeys: keys }),
        processor({
          id: "p-ads",
          name: "AdNet",
          kind: "ADVERTISING",
          agreementInForce: false,
          daysUntilExpiry: null,
          agreements: [agreement({ id: "ag2", terminatedAt: "2026-06-01T12:00:00.000Z" })],
        }),
        processor({ id: "p-cloud", name: "CloudCo", kind: "CLOUD_STORAGE" }),
      ],
    }),
    IssuePartnerApiKey: (v) => {
      keys.push({
        id: "k2",
        prefix: FULL_KEY.slice(0, 12),
        label: String(v.label),
        createdAt: "2026-11-25T12:00:00.000Z",
        lastUsedAt: null,
        revokedAt: null,
        expiresAt: (v.expiresAt as string | undefined) ?? null,
        purposes: (v.purposes as string[] | undefined) ?? [],
        replacedById: null,
      });
      return {
        issuePartnerApiKey: { key: FULL_KEY, apiKey: { id: "k2", prefix: "pk_live_3f9a" } },
      };
    },
    RotatePartnerApiKey: (v) => {
      const key = keys.find((k) => k.id === v.keyId);
      if (key) {
        key.replacedById = "k3";
        key.expiresAt = new Date(Date.now() + Number(v.overlapHours) * 3_600_000).toISOString();
      }
      return {
        rotatePartnerApiKey: { key: ROTATED_KEY, apiKey: { id: "k3", prefix: "privet_pk_9Zx" } },
      };
    },
    RevokePartnerApiKey: (v) => {
      const key = keys.find((k) => k.id === v.id);
      if (key) key.revokedAt = "2026-11-25T12:00:00.000Z";
      return { revokePartnerApiKey: { id: v.id, revokedAt: key?.revokedAt } };
    },
    RecordProcessorAgreement: (v) => ({
      recordProcessorAgreement: { id: "ag9", reference: "x", validFrom: "", validUntil: "", ...v },
    }),
    ...handlers,
  });
  render(<ProcessorsPage />, { wrapper: api.wrapper });
  return api;
}

async function card(name: string) {
  return within(
    (await screen.findByRole("heading", { name, level: 2 })).closest("li") as HTMLElement,
  );
}

afterEach(() => vi.useRealTimers());

describe("the processors page", () => {
  it("[P-10] flags an agreement that ends within 30 days, and only that one", async () => {
    setup();
    const mail = await card("MailCo");
    expect(mail.getByText("Agreement ends in 12 days: renew it.").dataset.flag).toBe("expiring");
    const cloud = await card("CloudCo");
    expect(cloud.getByText("Agreement in force (200 days left).")).toBeTruthy();
    expect(cloud.queryByText(/renew it/)).toBeNull();
  });

  it("[P-10] says a processor without an agreement in force reads nothing", async () => {
    setup();
    const ads = await card("AdNet");
    expect(ads.getByText("No agreement in force: this partner reads nothing.")).toBeTruthy();
    expect(ads.getByText(/DPA-2026-01: signed 10 January 2026/).textContent).toContain(
      "terminated 1 June 2026; for service announcements: user.contact.email",
    );
  });

  it("issues a key for the processor named in the dialog, with the label given, and shows it once with a copy button", async () => {
    const writeText = vi.fn(async () => {});
    Object.assign(navigator, { clipboard: { writeText } });
    const api = setup();
    fireEvent.click((await card("MailCo")).getByRole("button", { name: "Issue a key" }));
    const dialog = await screen.findByRole("dialog", { name: "Issue an API key for MailCo?" });
    // The label field has the focus, and an empty label is refused before anything is sent.
    const label = within(dialog).getByLabelText("Label");
    expect(document.activeElement).toBe(label);
    fireEvent.click(within(dialog).getByRole("button", { name: "Issue key for MailCo" }));
    expect(await within(dialog).findByText(/Give the key a label/)).toBeTruthy();
    expect(api.mutations).toEqual([]);

    fireEvent.change(label, { target: { value: " Production sync " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Issue key for MailCo" }));
    const shown = await screen.findByRole("dialog", { name: "New API key for MailCo" });
    expect(within(shown).getByTestId("issued-key").textContent).toBe(FULL_KEY);
    expect(within(shown).getByText("This key will not be shown again.")).toBeTruthy();
    expect(api.mutations[0]).toEqual({
      name: "IssuePartnerApiKey",
      variables: { processorId: "p-mail", label: "Production sync" },
    });
    fireEvent.click(within(shown).getByRole("button", { name: "Copy key" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(FULL_KEY));
    expect(await within(shown).findByText("Copied.")).toBeTruthy();

    fireEvent.click(within(shown).getByRole("button", { name: "I have stored the key" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // Gone for good: the registry lists the new key by its prefix, never the key itself.
    expect(
      await (await card("MailCo")).findByText("Production sync", { exact: false }),
    ).toBeTruthy();
    expect(screen.queryByText(FULL_KEY)).toBeNull();
    expect(screen.getAllByText(/pk_live_3f9a…/)).toHaveLength(1);
  });

  it("shows the API's objection to a label next to the label", async () => {
    const api = setup({
      IssuePartnerApiKey: () => {
        throw refusal("BAD_USER_INPUT", "label must be at most 100 characters.", "label");
      },
    });
    fireEvent.click((await card("MailCo")).getByRole("button", { name: "Issue a key" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Label"), { target: { value: "x" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Issue key for MailCo" }));
    expect(await within(dialog).findByText("label must be at most 100 characters.")).toBeTruthy();
    expect(api.mutations).toHaveLength(1);
  });

  it("revokes a key only once the dialog naming it is confirmed", async () => {
    const api = setup();
    fireEvent.click((await card("MailCo")).getByRole("button", { name: "Revoke key Production" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Revoke MailCo's key “Production”?",
    });
    expect(dialog.textContent).toContain("pk_live_77aa…");
    // Escape cancels, sending nothing.
    fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(api.mutations).toEqual([]);

    fireEvent.click((await card("MailCo")).getByRole("button", { name: "Revoke key Production" }));
    fireEvent.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Revoke key" }),
    );
    await waitFor(() =>
      expect(api.mutations).toEqual([{ name: "RevokePartnerApiKey", variables: { id: "k1" } }]),
    );
    expect(
      await (await card("MailCo")).findByText(/Production — revoked 25 November 2026/),
    ).toBeTruthy();
    expect(
      (await card("MailCo")).queryByRole("button", { name: "Revoke key Production" }),
    ).toBeNull();
  });

  it("says why a key could not be revoked, in the dialog", async () => {
    setup({
      RevokePartnerApiKey: () => {
        throw refusal("FORBIDDEN", "Your role may not manage partner keys.");
      },
    });
    fireEvent.click((await card("MailCo")).getByRole("button", { name: "Revoke key Production" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke key" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      "Your role may not manage partner keys.",
    );
  });

  it("[P-10] records an agreement with its purposes, categories and dates", async () => {
    const api = setup();
    const mail = await card("MailCo");
    fireEvent.change(mail.getByLabelText("Reference"), { target: { value: " DPA-2027 " } });
    fireEvent.change(mail.getByLabelText("Purposes (e.g. MARKETING)"), {
      target: { value: "SERVICE_ANNOUNCEMENTS, MARKETING" },
    });
    fireEvent.change(mail.getByLabelText("Data categories (e.g. user.contact.email)"), {
      target: { value: "user.contact.email user.name" },
    });
    fireEvent.change(mail.getByLabelText("Signed on"), { target: { value: "2026-11-20" } });
    fireEvent.change(mail.getByLabelText("Valid from"), { target: { value: "2026-12-07" } });
    fireEvent.change(mail.getByLabelText("Valid until"), { target: { value: "2027-12-07" } });
    fireEvent.click(mail.getByRole("button", { name: "Record agreement" }));
    await waitFor(() => expect(api.mutations).toHaveLength(1));
    expect(api.mutations[0]).toEqual({
      name: "RecordProcessorAgreement",
      variables: {
        input: {
          processorId: "p-mail",
          reference: "DPA-2027",
          purposes: ["SERVICE_ANNOUNCEMENTS", "MARKETING"],
          categories: ["user.contact.email", "user.name"],
          signedAt: "2026-11-20T00:00:00.000Z",
          validFrom: "2026-12-07T00:00:00.000Z",
          validUntil: "2027-12-07T00:00:00.000Z",
        },
      },
    });
    await waitFor(() => expect(sent(api, "ProcessorRegistry").length).toBeGreaterThan(1));
  });

  it("shows the API's objection next to the field it names", async () => {
    setup({
      RecordProcessorAgreement: () => {
        throw refusal("BAD_USER_INPUT", "validUntil must be after validFrom.", "validUntil");
      },
    });
    const mail = await card("MailCo");
    for (const [label, value] of [
      ["Signed on", "2026-11-20"],
      ["Valid from", "2026-12-07"],
      ["Valid until", "2026-12-01"],
    ] as const) {
      fireEvent.change(mail.getByLabelText(label), { target: { value } });
    }
    fireEvent.click(mail.getByRole("button", { name: "Record agreement" }));
    const until = mail.getByLabelText("Valid until");
    await waitFor(() => expect(until.getAttribute("aria-invalid")).toBe("true"));
    expect(mail.getByText("validUntil must be after validFrom.")).toBeTruthy();
  });

  it("asks for a missing date instead of sending the agreement", async () => {
    const api = setup();
    const mail = await card("MailCo");
    fireEvent.change(mail.getByLabelText("Reference"), { target: { value: "DPA-2027" } });
    fireEvent.click(mail.getByRole("button", { name: "Record agreement" }));
    const signed = mail.getByLabelText("Signed on");
    await waitFor(() => expect(signed.getAttribute("aria-invalid")).toBe("true"));
    expect(mail.getByText("Enter a date.")).toBeTruthy();
    expect(api.mutations).toEqual([]);
  });

  it("issues a key with an expiry and a scope ticked among the agreement's purposes, in words", async () => {
    const api = setup({
      ProcessorRegistry: () => ({
        processors: [
          processor({
            agreements: [
              agreement({ purposes: ["SERVICE_ANNOUNCEMENTS", "MARKETING"] }),
              agreement({
                id: "old",
                purposes: ["REMARKETING"],
                validUntil: "2026-02-01T00:00:00Z",
              }),
            ],
          }),
        ],
      }),
    });
    fireEvent.click((await card("MailCo")).getByRole("button", { name: "Issue a key" }));
    const dialog = await screen.findByRole("dialog", { name: "Issue an API key for MailCo?" });
    // Only the agreement in force offers its purposes, named in words.
    const boxes = within(dialog).getAllByRole("checkbox");
    expect(boxes.map((box) => box.closest("label")?.textContent?.trim())).toEqual([
      "service announcements",
      "marketing",
    ]);
    fireEvent.change(within(dialog).getByLabelText("Label"), { target: { value: "Sync" } });
    fireEvent.change(within(dialog).getByLabelText("Expires on (optional)"), {
      target: { value: "2027-03-01" },
    });
    fireEvent.click(within(dialog).getByLabelText("marketing"));
    fireEvent.click(within(dialog).getByRole("button", { name: "Issue key for MailCo" }));
    await screen.findByRole("dialog", { name: "New API key for MailCo" });
    expect(api.mutations[0]).toEqual({
      name: "IssuePartnerApiKey",
      variables: {
        processorId: "p-mail",
        label: "Sync",
        expiresAt: "2027-03-01T00:00:00.000Z",
        purposes: ["MARKETING"],
      },
    });
  });

  it("shows the API's refusal of a scope wider than the agreement under the purposes", async () => {
    setup({
      IssuePartnerApiKey: () => {
        throw refusal(
          "BAD_USER_INPUT",
          "The processor's agreement does not cover Marketing: a key's purposes must be among its agreement's.",
          "purposes",
        );
      },
    });
    fireEvent.click((await card("MailCo")).getByRole("button", { name: "Issue a key" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Label"), { target: { value: "x" } });
    fireEvent.click(within(dialog).getByLabelText("service announcements"));
    fireEvent.click(within(dialog).getByRole("button", { name: "Issue key for MailCo" }));
    expect(await within(dialog).findByText(/agreement does not cover Marketing/)).toBeTruthy();
  });

  it("says when each key was last used and until when it works", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-06T12:00:00Z"), toFake: ["Date"] });
    setup({
      ProcessorRegistry: () => ({
        processors: [
          processor({
            apiKeys: [
              {
                id: "k1",
                prefix: "privet_pk_AAAAAAA",
                label: "Production",
                createdAt: "2026-01-15T12:00:00.000Z",
                lastUsedAt: "2026-12-06T11:57:00Z",
                revokedAt: null,
                expiresAt: "2027-01-01T00:00:00Z",
                purposes: ["MARKETING"],
                replacedById: null,
              },
              {
                id: "k2",
                prefix: "privet_pk_BBBBBBB",
                label: "Staging",
                createdAt: "2026-01-15T12:00:00.000Z",
                lastUsedAt: null,
                revokedAt: null,
                expiresAt: null,
                purposes: [],
                replacedById: null,
              },
            ],
          }),
        ],
      }),
    });
    const details = (await card("MailCo")).getAllByTestId("key-details");
    expect(details.map((d) => d.textContent)).toEqual([
      expect.stringMatching(
        /^Last used 3 minutes ago; expires 1 Jan 2027.*; only for marketing\.$/,
      ),
      "Last used never; no expiry; every purpose of the agreement.",
    ]);
  });

  it("rotates a key only once the dialog saying how long the old key lasts is confirmed", async () => {
    const api = setup();
    fireEvent.click((await card("MailCo")).getByRole("button", { name: "Rotate key Production" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Rotate MailCo's key “Production”?",
    });
    expect(within(dialog).getByTestId("overlap-ends").textContent).toMatch(
      /^The old key works until .+, then is refused: MailCo must switch to the new key before then\.$/,
    );
    fireEvent.change(within(dialog).getByRole("combobox"), { target: { value: "168" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Rotate key" }));
    const shown = await screen.findByRole("dialog", { name: "New API key for MailCo" });
    expect(within(shown).getByTestId("issued-key").textContent).toBe(ROTATED_KEY);
    expect(api.mutations).toEqual([
      { name: "RotatePartnerApiKey", variables: { keyId: "k1", overlapHours: 168 } },
    ]);
    fireEvent.click(within(shown).getByRole("button", { name: "I have stored the key" }));
    await waitFor(() =>
      expect((screen.getAllByTestId("key-details")[0] as HTMLElement).textContent).toMatch(
        /rotated, the old key works until/,
      ),
    );
    // A rotated key is not rotated twice.
    expect(
      (await card("MailCo")).queryByRole("button", { name: "Rotate key Production" }),
    ).toBeNull();
  });
});
