import { withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  declarePurpose,
  redacted,
  refusal,
  renderUnderPurpose,
  sent,
} from "../test-support/console.js";
import { MarketingPage } from "./marketing.js";

const email = (over: Record<string, unknown>) => ({
  id: "m1",
  kind: "POLICY_NOTICE",
  campaignId: null,
  status: "PENDING",
  createdAt: "2026-11-24T12:00:00.000Z",
  sentAt: null,
  attempts: 0,
  toAddress: "ada@example.com",
  subject: "Our privacy policy changes on 1 January",
  ...over,
});

const outbox = [
  email({}),
  email({ id: "m2", kind: "REQUEST_UPDATE", status: "SENT", attempts: 1, toAddress: null }),
  email({ id: "m3", kind: "BREACH_NOTICE", status: "FAILED", attempts: 5 }),
];

function setup(
  handlers: Parameters<typeof renderUnderPurpose>[1] = {},
  options?: Parameters<typeof renderUnderPurpose>[2],
) {
  const campaigns = [
    {
      id: "c1",
      name: "Autumn",
      subject: "Autumn news",
      recipients: 41,
      createdAt: "2026-10-01T12:00:00.000Z",
      sentAt: null,
    },
  ];
  return renderUnderPurpose(
    <MarketingPage />,
    {
      Campaigns: () => ({ campaigns }),
      Outbox: () =>
        withErrors({ outboxEmails: outbox }, [
          redacted("outboxEmails.1.toAddress", "PURPOSE_NOT_PERMITTED"),
        ]),
      SendCampaign: (v) => {
        const input = v.input as { subject: string };
        campaigns.unshift({
          ...campaigns[0],
          id: "c2",
          subject: input.subject,
          recipients: 12,
        } as never);
        return { sendCampaign: { emailsQueued: 12, campaign: { id: "c2", recipients: 12 } } };
      },
      CampaignPreview: (v) => {
        const input = v.input as { subject: string; text: string };
        return {
          campaignPreview: {
            recipients: 12,
            subject: input.subject,
            textBody: `${input.text}\n\n--\nUnsubscribe with one click, no sign-in needed: https://api.example/unsubscribe?token=x`,
          },
        };
      },
      SendCampaignTest: (v) => ({
        sendCampaignTest: {
          queued: true,
          subject: `[Test] ${(v.input as { subject: string }).subject}`,
        },
      }),
      DeliverOutbox: () => ({
        deliverOutbox: { configured: false, attempted: 0, sent: 0, failed: 0 },
      }),
      ...handlers,
    },
    options,
  );
}

describe("the marketing page", () => {
  /** Fills the form and opens the preview. */
  async function preview(subject = " Winter news ", text = "Hello again.") {
    fireEvent.change(screen.getByLabelText("Subject"), { target: { value: subject } });
    fireEvent.change(screen.getByLabelText("Text"), { target: { value: text } });
    fireEvent.click(screen.getByRole("button", { name: "Preview and send" }));
    return screen.findByRole("dialog", { name: "Send this campaign?" });
  }

  it("[P-08] previews the count and the email as it arrives, then sends to that many only when confirmed", async () => {
    const api = setup();
    const dialog = await preview();
    expect(api.mutations).toEqual([]);
    expect(within(dialog).getByTestId("campaign-recipients").textContent).toMatch(/^12 customers/);
    expect(within(dialog).getByTestId("campaign-preview-subject").textContent).toBe("Winter news");
    expect(within(dialog).getByTestId("campaign-preview-body").textContent).toContain(
      "Unsubscribe with one click",
    );
    expect(sent(api, "CampaignPreview")).toEqual([
      { input: { name: null, subject: "Winter news", text: "Hello again." } },
    ]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Send to 12 customers" }));
    expect(await screen.findByText("12 emails queued.")).toBeTruthy();
    expect(api.mutations).toEqual([
      {
        name: "SendCampaign",
        variables: { input: { name: null, subject: "Winter news", text: "Hello again." } },
      },
    ]);
    expect(screen.queryByRole("dialog")).toBeNull();
    // The campaign list is read again and shows the new one.
    expect(await screen.findByText(/Winter news — 12 recipients/)).toBeTruthy();
  });

  it("sends a test to the member alone from the preview, and sends nothing when cancelled", async () => {
    const api = setup();
    const dialog = await preview();
    fireEvent.click(within(dialog).getByRole("button", { name: "Send a test to myself" }));
    expect(await within(dialog).findByText(/Test queued to your own address only/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(api.mutations.map((m) => m.name)).toEqual(["SendCampaignTest"]);
  });

  it("offers no send when no customer allows marketing", async () => {
    setup({
      CampaignPreview: () => ({
        campaignPreview: { recipients: 0, subject: "Winter news", textBody: "Hello" },
      }),
    });
    const dialog = await preview();
    expect(within(dialog).getByText(/there is no one to send this to/)).toBeTruthy();
    expect(
      (within(dialog).getByRole("button", { name: "Send to 0 customers" }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });

  it("shows the API's objection to the subject next to it, before any preview", async () => {
    const api = setup({
      CampaignPreview: () => {
        throw refusal("BAD_USER_INPUT", "The subject is one line.", "subject");
      },
    });
    fireEvent.click(screen.getByRole("button", { name: "Preview and send" }));
    const subject = screen.getByLabelText("Subject");
    await waitFor(() => expect(subject.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("The subject is one line.")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.mutations).toHaveLength(0);
  });

  it("lists campaigns with their recipients", async () => {
    setup();
    expect(await screen.findByText(/Autumn news — 41 recipients/)).toBeTruthy();
  });

  it("lists the outbox with each email's kind and status, and failed attempts", async () => {
    setup();
    const table = await screen.findByRole("table");
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      );
    expect(rows.map((cells) => cells[1])).toEqual([
      "Policy notice",
      "Request update",
      "Breach notice",
    ]);
    expect(rows[0]?.[4]).toBe("Pending");
    expect(rows[1]?.[4]).toBe("Sent (1 attempt)");
    expect(rows[2]?.[4]).toBe("Failed (5 attempts)");
  });

  it("a campaign email shows its campaign's subject, even where the purpose may not read an email's", async () => {
    setup({
      Outbox: () =>
        withErrors(
          { outboxEmails: [email({ kind: "CAMPAIGN", campaignId: "c1", subject: null })] },
          [redacted("outboxEmails.0.subject", "PURPOSE_NOT_PERMITTED")],
        ),
    });
    const row = await screen.findByRole("row", { name: /Campaign/ });
    expect(within(row).getByText("Autumn news")).toBeTruthy();
    expect(row.querySelector("[data-redacted]")).toBeNull();
  });

  it("a failed read of the campaigns says so, rather than that there are none", async () => {
    setup({
      Campaigns: () => {
        throw refusal("FORBIDDEN", "You are not allowed to do this.");
      },
    });
    expect(await screen.findByText("You are not allowed to do this.")).toBeTruthy();
    expect(screen.queryByText("No campaigns yet.")).toBeNull();
  });

  it("reads the outbox under the declared purpose, and shows what it may not read as redacted", async () => {
    const api = setup({}, { declared: null });
    declarePurpose("SERVICE_ANNOUNCEMENTS", "NOTICE-2027");
    await waitFor(() =>
      expect(sent(api, "Outbox").at(-1)).toEqual({
        purpose: "SERVICE_ANNOUNCEMENTS",
        ref: "NOTICE-2027",
      }),
    );
    const row = within(await screen.findByRole("table")).getAllByRole("row")[2];
    if (!row) throw new Error("no row");
    expect(within(row).getAllByRole("cell")[2]?.textContent).toBe(
      "withheld: the declared purpose does not allow reading this",
    );
  });

  it("delivers the outbox now, and says when no SMTP server is set", async () => {
    const api = setup();
    fireEvent.click(await screen.findByRole("button", { name: "Deliver now" }));
    expect(await screen.findByText("No SMTP_URL is set: mail stays in the outbox.")).toBeTruthy();
    expect(api.mutations.map((m) => m.name)).toEqual(["DeliverOutbox"]);
  });

  it("says how many were sent and failed when SMTP is set", async () => {
    setup({
      CampaignPreview: (v) => {
        const input = v.input as { subject: string; text: string };
        return {
          campaignPreview: {
            recipients: 12,
            subject: input.subject,
            textBody: `${input.text}\n\n--\nUnsubscribe with one click, no sign-in needed: https://api.example/unsubscribe?token=x`,
          },
        };
      },
      SendCampaignTest: (v) => ({
        sendCampaignTest: {
          queued: true,
          subject: `[Test] ${(v.input as { subject: string }).subject}`,
        },
      }),
      DeliverOutbox: () => ({
        deliverOutbox: { configured: true, attempted: 3, sent: 2, failed: 1 },
      }),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Deliver now" }));
    expect(await screen.findByText("2 sent, 1 failed.")).toBeTruthy();
  });

  it("says when the outbox is empty", async () => {
    setup({ Outbox: () => ({ outboxEmails: [] }) });
    expect(await screen.findByText("The outbox is empty.")).toBeTruthy();
  });
});
