import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { refusal, renderUnderPurpose, sent } from "../test-support/console.js";
import { PrivacyRequestActions } from "./privacy-request-actions.js";

const PREVIEW = {
  erasurePreview: {
    requestId: "r-del",
    erased: [
      { what: "Name", count: 1 },
      { what: "Pages visited", count: 14 },
    ],
    kept: [
      {
        what: "Payment cards",
        count: 1,
        reason: "LEGAL_HOLD",
        why: "Under a legal hold of an open legal request (COURT_ORDER) naming the customer: kept until it is closed.",
      },
    ],
    sessionsRevoked: 2,
    consentsWithdrawn: ["MARKETING"],
    untouched: [],
  },
};

function setup(fulfil: () => unknown = () => ({ fulfilPrivacyRequest: { id: "r-del" } })) {
  const onChanged = vi.fn();
  const api = renderUnderPurpose(
    <PrivacyRequestActions
      request={{ id: "r-del", kind: "DELETION", status: "IN_PROGRESS" }}
      onChanged={onChanged}
    />,
    { ErasurePreview: () => PREVIEW, FulfilPrivacyRequest: fulfil },
  );
  return { api, onChanged };
}

async function openErasure() {
  fireEvent.click(screen.getByRole("button", { name: "Fulfil" }));
  const dialog = await screen.findByRole("dialog", { name: "Erase this customer's data?" });
  await within(dialog).findByTestId("erasure-erased");
  return dialog;
}

describe("fulfilling a deletion request", () => {
  it("shows what will be erased and what is kept and why, before anything is sent", async () => {
    const { api } = setup();
    const dialog = await openErasure();
    expect(sent(api, "ErasurePreview")).toEqual([{ id: "r-del" }]);
    const erased = within(within(dialog).getByTestId("erasure-erased")).getAllByRole("listitem");
    expect(erased.map((li) => li.textContent)).toEqual(["Name", "Pages visited (14 records)"]);
    expect(within(dialog).getByTestId("erasure-kept").textContent).toContain(
      "Payment cards: Under a legal hold",
    );
    expect(dialog.textContent).toContain("End 2 signed-in sessions");
    expect(dialog.textContent).toContain("Consents withdrawn: marketing");
    expect(api.mutations).toEqual([]);
  });

  it("erases only once 'erase' is typed, then reads the queue again", async () => {
    const { api, onChanged } = setup();
    const dialog = await openErasure();
    const act = within(dialog).getByRole("button", { name: "Erase and fulfil" });
    expect((act as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText("Type erase to confirm"), {
      target: { value: "erase" },
    });
    fireEvent.click(act);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.mutations.map((m) => [m.name, m.variables])).toEqual([
      ["FulfilPrivacyRequest", { id: "r-del", note: null }],
    ]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("cancelled, erases nothing", async () => {
    const { api, onChanged } = setup();
    const dialog = await openErasure();
    fireEvent.change(within(dialog).getByLabelText("Type erase to confirm"), {
      target: { value: "erase" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(api.mutations).toEqual([]);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it("says in the dialog why the erasure was refused", async () => {
    setup(() => {
      throw refusal("BAD_USER_INPUT", "The request changed meanwhile.", "id");
    });
    const dialog = await openErasure();
    fireEvent.change(within(dialog).getByLabelText("Type erase to confirm"), {
      target: { value: "erase" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Erase and fulfil" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      "The request changed meanwhile.",
    );
  });
});
