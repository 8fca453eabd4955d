import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { StaffPage } from "./staff.js";

const ADA = {
  __typename: "StaffAccount",
  id: "0195f3c2-7a10-7000-8000-0000000000a1",
  name: "Ada Quill",
  email: "ada@privet.example",
  role: "SUPPORT_AGENT",
  status: "ACTIVE",
  secondFactor: false,
  secondFactorRequired: false,
  createdAt: "2026-01-05T09:00:00.000Z",
  disabledAt: null as string | null,
};

function setup() {
  let ada = { ...ADA };
  const api = fakeApi({
    StaffAccounts: () => ({ staffAccounts: [ada] }),
    DisableStaffMember: () => {
      ada = { ...ada, status: "DISABLED", disabledAt: "2026-12-06T09:00:00.000Z" };
      return { disableStaffMember: ada };
    },
    ChangeStaffRole: ({ role }) => {
      ada = { ...ada, role: String(role), secondFactorRequired: role === "PRIVACY_OFFICER" };
      return { changeStaffRole: ada };
    },
    InviteStaffMember: ({ input }) => ({
      inviteStaffMember: { ...ADA, ...(input as object), id: "new", status: "INVITED" },
    }),
  });
  render(<StaffPage />, { wrapper: api.wrapper });
  return api;
}

describe("the Staff page", () => {
  it("disables a member only after a confirmation that names them, then shows them disabled", async () => {
    const api = setup();
    const row = await screen.findByRole("row", { name: /Ada Quill/ });
    fireEvent.click(within(row).getByRole("button", { name: /^Disable\s*Ada Quill$/ }));
    expect(within(row).getByText(/Disable Ada Quill\? They are signed out at once/)).toBeTruthy();
    expect(api.mutations).toEqual([]);
    fireEvent.click(within(row).getByRole("button", { name: "Confirm" }));
    expect(await within(row).findByText(/Disabled since/)).toBeTruthy();
    expect(api.mutations).toEqual([{ name: "DisableStaffMember", variables: { id: ADA.id } }]);
  });

  it("changing a role is confirmed in words, and cancelling sends nothing", async () => {
    const api = setup();
    const row = await screen.findByRole("row", { name: /Ada Quill/ });
    fireEvent.change(within(row).getByLabelText("Role of Ada Quill"), {
      target: { value: "PRIVACY_OFFICER" },
    });
    expect(
      within(row).getByText("Make Ada Quill privacy officer instead of support agent?"),
    ).toBeTruthy();
    fireEvent.click(within(row).getByRole("button", { name: "Cancel" }));
    expect(api.mutations).toEqual([]);
    expect((within(row).getByLabelText("Role of Ada Quill") as HTMLSelectElement).value).toBe(
      "SUPPORT_AGENT",
    );
  });

  it("invites by name, address and role (in words), and says where the invitation went", async () => {
    const api = setup();
    const form = await screen.findByRole("form", { name: "Invite a member" });
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Bo Lind" } });
    fireEvent.change(within(form).getByLabelText("Email address"), {
      target: { value: "bo@privet.example" },
    });
    fireEvent.change(within(form).getByLabelText("Role"), { target: { value: "AUDITOR" } });
    expect(within(form).getByRole("option", { name: "Auditor" })).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "Send invitation" }));
    expect(
      await screen.findByText(/Invitation emailed to Bo Lind \(bo@privet.example\)/),
    ).toBeTruthy();
    expect(api.mutations).toEqual([
      {
        name: "InviteStaffMember",
        variables: { input: { name: "Bo Lind", email: "bo@privet.example", role: "AUDITOR" } },
      },
    ]);
  });
});
