import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderUnderPurpose, sent } from "../test-support/console.js";
import { PolicyVersionForm } from "./policy-version-form.js";

function setup() {
  const api = renderUnderPurpose(<PolicyVersionForm draft={null} onChange={vi.fn()} />, {
    PolicyNoticeRecipients: () => ({ policyNoticeRecipients: 312 }),
    PublishPolicyVersion: (v) => ({
      publishPolicyVersion: {
        noticesQueued: (v.input as { material: boolean }).material ? 312 : 0,
        policyVersion: { id: "pv1", version: (v.input as { version: string }).version },
      },
    }),
  });
  fireEvent.change(screen.getByLabelText("Version"), { target: { value: "2027-01" } });
  fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Privacy policy" } });
  fireEvent.change(screen.getByLabelText("Text (Markdown)"), { target: { value: "# New" } });
  fireEvent.change(screen.getByLabelText(/Effective date/), { target: { value: "2027-01-15" } });
  return api;
}

describe("publishing a policy version", () => {
  it("[P-18] a material change says how many customers will be told, and publishes only when confirmed", async () => {
    const api = setup();
    fireEvent.click(screen.getByRole("checkbox", { name: /Material change/ }));
    fireEvent.click(screen.getByRole("button", { name: "Publish" }));
    const dialog = await screen.findByRole("dialog", { name: "Publish a material change?" });
    expect(within(dialog).getByTestId("notice-recipients").textContent).toContain("312 now");
    expect(api.mutations).toEqual([]);

    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(api.mutations).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: "Publish" }));
    fireEvent.click(
      within(await screen.findByRole("dialog")).getByRole("button", {
        name: "Publish and notify 312 customers",
      }),
    );
    expect(await screen.findByText("Published version 2027-01; 312 notices queued.")).toBeTruthy();
    expect(sent(api, "PublishPolicyVersion")).toHaveLength(1);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("a change that is not material is published without asking, telling no one", async () => {
    const api = setup();
    fireEvent.click(screen.getByRole("button", { name: "Publish" }));
    expect(await screen.findByText("Published version 2027-01; 0 notices queued.")).toBeTruthy();
    expect(sent(api, "PolicyNoticeRecipients")).toEqual([]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
