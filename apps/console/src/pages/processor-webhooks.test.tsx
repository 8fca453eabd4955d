import type { StaffRole } from "@privet/client";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { refusal, renderAsStaff, sent } from "../test-support/console.js";
import { ProcessorWebhooks } from "./processor-webhooks.js";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9Gdq0VEYVmg=";

const endpoint = (over: Record<string, unknown> = {}) => ({
  id: "e1",
  url: "https://mail.example/hooks",
  description: "Production",
  createdAt: "2026-11-20T12:00:00.000Z",
  disabledAt: null as string | null,
  ...over,
});

const delivery = (over: Record<string, unknown> = {}) => ({
  id: "d1",
  messageId: "msg_1",
  eventType: "consent.withdrawn",
  status: "DELIVERED",
  attempts: 1,
  nextAttemptAt: "2026-11-25T12:00:00.000Z",
  lastError: null as string | null,
  lastStatusCode: 200 as number | null,
  lastAttemptAt: "2026-11-25T12:00:00.000Z",
  createdAt: "2026-11-25T12:00:00.000Z",
  deliveredAt: "2026-11-25T12:00:00.000Z" as string | null,
  ...over,
});

function setup(
  handlers: Parameters<typeof renderAsStaff>[1] = {},
  role: StaffRole = "ADMINISTRATOR",
) {
  const endpoints = [endpoint()];
  return renderAsStaff(
    <ProcessorWebhooks processor={{ id: "p-mail", name: "MailCo" }} />,
    {
      WebhookEndpoints: () => ({ webhookEndpoints: endpoints }),
      WebhookDeliveries: () => ({
        webhookDeliveries: [
          delivery({
            id: "d2",
            eventType: "subject.erased",
            status: "FAILED",
            attempts: 8,
            lastError: "The endpoint answered HTTP 503.",
            lastStatusCode: 503,
            deliveredAt: null,
          }),
          delivery(),
        ],
      }),
      RegisterWebhookEndpoint: (v) => {
        endpoints.unshift(endpoint({ id: "e2", url: String(v.url), description: "" }));
        return { registerWebhookEndpoint: { secret: SECRET, endpoint: { id: "e2", url: v.url } } };
      },
      DisableWebhookEndpoint: (v) => {
        const found = endpoints.find((e) => e.id === v.id);
        if (found) found.disabledAt = "2026-11-26T12:00:00.000Z";
        return { disableWebhookEndpoint: { id: v.id, disabledAt: found?.disabledAt } };
      },
      ReplayWebhookDelivery: (v) => ({
        replayWebhookDelivery: { id: `r-${v.id}`, status: "PENDING" },
      }),
      ...handlers,
    },
    role,
  );
}

async function openWebhooks() {
  fireEvent.click(await screen.findByText("Webhooks"));
  const details = screen.getByText("Webhooks").closest("details") as HTMLDetailsElement;
  details.open = true;
  fireEvent(details, new Event("toggle"));
  return within(await screen.findByRole("region", { name: "MailCo's webhooks" }));
}

describe("a processor's webhooks", () => {
  it("loads nothing until opened, then lists the endpoints", async () => {
    const api = setup();
    await screen.findByText("Webhooks");
    expect(sent(api, "WebhookEndpoints")).toEqual([]);
    const section = await openWebhooks();
    expect(await section.findByText("https://mail.example/hooks")).toBeTruthy();
    expect(sent(api, "WebhookEndpoints")).toEqual([{ processorId: "p-mail" }]);
    expect(section.getByText(/Production; added 20 November 2026/)).toBeTruthy();
  });

  it("shows a privacy officer the endpoints and deliveries, without the administrator's buttons", async () => {
    setup({}, "PRIVACY_OFFICER");
    const section = await openWebhooks();
    expect(await section.findByText("https://mail.example/hooks")).toBeTruthy();
    expect(section.queryByRole("button", { name: "Add an endpoint" })).toBeNull();
    expect(section.queryByRole("button", { name: /^Disable / })).toBeNull();
    fireEvent.click(
      section.getByRole("button", { name: "Deliveries to https://mail.example/hooks" }),
    );
    expect(await section.findByText("The endpoint answered HTTP 503.")).toBeTruthy();
    expect(section.queryByRole("button", { name: /^Replay / })).toBeNull();
  });

  it("adds an endpoint named for the processor and shows its secret once, with a copy button", async () => {
    const writeText = vi.fn(async () => {});
    Object.assign(navigator, { clipboard: { writeText } });
    const api = setup();
    const section = await openWebhooks();
    fireEvent.click(section.getByRole("button", { name: "Add an endpoint" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Add a webhook endpoint for MailCo?",
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add endpoint for MailCo" }));
    expect(await within(dialog).findByText("Enter the endpoint's URL.")).toBeTruthy();
    expect(api.mutations).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText("URL"), {
      target: { value: " https://mail.example/v2 " },
    });
    fireEvent.change(within(dialog).getByLabelText("Description"), {
      target: { value: "Staging" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add endpoint for MailCo" }));
    const shown = await screen.findByRole("dialog", {
      name: "Signing secret for MailCo's endpoint",
    });
    expect(within(shown).getByTestId("webhook-secret").textContent).toBe(SECRET);
    expect(within(shown).getByText("This secret will not be shown again.")).toBeTruthy();
    expect(api.mutations[0]).toEqual({
      name: "RegisterWebhookEndpoint",
      variables: { processorId: "p-mail", url: "https://mail.example/v2", description: "Staging" },
    });
    fireEvent.click(within(shown).getByRole("button", { name: "Copy secret" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(SECRET));
    fireEvent.click(within(shown).getByRole("button", { name: "I have stored the secret" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await section.findByText("https://mail.example/v2")).toBeTruthy();
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it("shows the API's objection to a URL next to the URL", async () => {
    const message = "The URL must start with https:// (or http://).";
    setup({
      RegisterWebhookEndpoint: () => {
        throw refusal("BAD_USER_INPUT", message, "url");
      },
    });
    const section = await openWebhooks();
    fireEvent.click(section.getByRole("button", { name: "Add an endpoint" }));
    const dialog = await screen.findByRole("dialog");
    const url = within(dialog).getByLabelText("URL");
    fireEvent.change(url, { target: { value: "ftp://mail.example" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add endpoint for MailCo" }));
    expect(await within(dialog).findByText(message)).toBeTruthy();
    expect(url.getAttribute("aria-invalid")).toBe("true");
  });

  it("disables an endpoint only once the dialog naming it is confirmed", async () => {
    const api = setup();
    const section = await openWebhooks();
    const disable = await section.findByRole("button", {
      name: "Disable https://mail.example/hooks",
    });
    fireEvent.click(disable);
    const dialog = await screen.findByRole("dialog", { name: "Disable MailCo's endpoint?" });
    expect(dialog.textContent).toContain("https://mail.example/hooks");
    fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(api.mutations).toEqual([]);

    fireEvent.click(section.getByRole("button", { name: "Disable https://mail.example/hooks" }));
    fireEvent.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Disable endpoint" }),
    );
    await waitFor(() =>
      expect(api.mutations).toEqual([{ name: "DisableWebhookEndpoint", variables: { id: "e1" } }]),
    );
    expect(await section.findByText(/disabled 26 November 2026/)).toBeTruthy();
    expect(section.queryByRole("button", { name: /^Disable / })).toBeNull();
  });

  it("lists an endpoint's deliveries in words, and replays one once confirmed", async () => {
    const api = setup();
    const section = await openWebhooks();
    fireEvent.click(
      await section.findByRole("button", { name: "Deliveries to https://mail.example/hooks" }),
    );
    const table = within(
      await screen.findByRole("region", { name: "Deliveries to https://mail.example/hooks" }),
    );
    const failed = (await table.findByText("Person erased")).closest("tr") as HTMLElement;
    expect(failed.textContent).toContain("Failed");
    expect(failed.textContent).toContain("The endpoint answered HTTP 503.");
    expect(failed.textContent).toContain("8");
    expect(sent(api, "WebhookDeliveries")).toEqual([{ endpointId: "e1", first: 20, offset: 0 }]);

    fireEvent.click(within(failed).getByRole("button", { name: /^Replay Person erased/ }));
    const dialog = await screen.findByRole("dialog", {
      name: "Send “Person erased” to MailCo again?",
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Send again" }));
    await waitFor(() =>
      expect(api.mutations).toEqual([{ name: "ReplayWebhookDelivery", variables: { id: "d2" } }]),
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(sent(api, "WebhookDeliveries").length).toBeGreaterThan(1));
  });

  it("says why a replay was refused, in the dialog", async () => {
    setup({
      ReplayWebhookDelivery: () => {
        throw refusal("FORBIDDEN", "Only administrators may replay a webhook delivery.");
      },
    });
    const section = await openWebhooks();
    fireEvent.click(
      await section.findByRole("button", { name: "Deliveries to https://mail.example/hooks" }),
    );
    fireEvent.click((await screen.findAllByRole("button", { name: /^Replay / }))[0] as HTMLElement);
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Send again" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      "Only administrators may replay a webhook delivery.",
    );
  });
});
