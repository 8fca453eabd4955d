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

function setup(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const keys = [
    {
      id: "k1",
      prefix: "pk_live_77aa",
      label: "Production",
      createdAt: "2026-01-15T12:00:00.000Z",
      lastUsedAt: null,
      revokedAt: null as string | null,
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
      });
      return {
        issuePartnerApiKey: { key: FULL_KEY, apiKey: { id: "k2", prefix: "pk_live_3f9a" } },
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
});
