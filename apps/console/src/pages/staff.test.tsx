import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { refusal, sent } from "../test-support/console.js";
import { STAFF_PAGE_SIZE, StaffPage } from "./staff.js";

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

const BO = {
  ...ADA,
  id: "0195f3c2-7a10-7000-8000-0000000000b2",
  name: "Bo Lind",
  email: "bo@privet.example",
  status: "INVITED",
};

function setup() {
  let ada = { ...ADA };
  const api = fakeApi({
    StaffAccountPage: () => ({
      staffAccountPage: {
        nodes: [ada, BO],
        pageInfo: { endCursor: null, hasNextPage: false },
      },
    }),
    ResendStaffInvitation: () => ({ resendStaffInvitation: BO }),
    SendStaffPasswordReset: () => {
      throw refusal("STAFF_MEMBER_DISABLED", "This account is disabled. Enable it first.");
    },
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

  it("resends an invitation only after a dialog naming the person and the address, and says it went", async () => {
    const api = setup();
    const row = await screen.findByRole("row", { name: /Bo Lind/ });
    // An invited member has no password to reset; an active one no invitation to resend.
    expect(within(row).queryByRole("button", { name: /Send password reset/ })).toBeNull();
    const adaRow = screen.getByRole("row", { name: /Ada Quill/ });
    expect(within(adaRow).queryByRole("button", { name: /Resend invitation/ })).toBeNull();

    fireEvent.click(within(row).getByRole("button", { name: /^Resend invitation\s*to Bo Lind$/ }));
    const dialog = screen.getByRole("dialog", { name: "Send Bo Lind a new invitation?" });
    expect(dialog.textContent).toContain("An email goes to bo@privet.example");
    expect(dialog.textContent).toContain("The link in the earlier invitation stops working.");
    expect(api.mutations).toEqual([]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.mutations).toEqual([]);

    fireEvent.click(within(row).getByRole("button", { name: /^Resend invitation/ }));
    fireEvent.click(screen.getByRole("button", { name: "Send new invitation" }));
    expect(
      await within(row).findByText("New invitation emailed to bo@privet.example."),
    ).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.mutations).toEqual([{ name: "ResendStaffInvitation", variables: { id: BO.id } }]);
  });

  it("a password reset is confirmed naming the address, and a refusal is shown in plain words in the dialog", async () => {
    const api = setup();
    const row = await screen.findByRole("row", { name: /Ada Quill/ });
    fireEvent.click(
      within(row).getByRole("button", { name: /^Send password reset\s*to Ada Quill$/ }),
    );
    const dialog = screen.getByRole("dialog", { name: "Send Ada Quill a password-reset link?" });
    expect(dialog.textContent).toContain("An email goes to ada@privet.example");
    expect(dialog.textContent).toContain("then they are signed out everywhere");
    fireEvent.click(within(dialog).getByRole("button", { name: "Send reset link" }));
    expect(
      await within(dialog).findByText("This account is disabled. Enable it first."),
    ).toBeTruthy();
    expect(api.mutations).toEqual([{ name: "SendStaffPasswordReset", variables: { id: ADA.id } }]);
    expect(within(row).queryByText(/Password-reset link emailed/)).toBeNull();
  });

  it("pages, orders and searches on the server: Next sends the page's cursor, Previous goes back, a new order or search starts again", async () => {
    const members = Array.from({ length: 3 }, (_, i) => ({
      ...ADA,
      id: `0195f3c2-7a10-7000-8000-00000000000${i}`,
      name: `Member ${i}`,
      email: `member${i}@privet.example`,
    }));
    const api = fakeApi({
      StaffAccountPage: ({ after }) => {
        const nodes = after === "cursor-1" ? [members[2]] : [members[0], members[1]];
        const hasNextPage = after !== "cursor-1";
        return {
          staffAccountPage: {
            nodes,
            pageInfo: { endCursor: hasNextPage ? "cursor-1" : null, hasNextPage },
          },
        };
      },
    });
    render(<StaffPage />, { wrapper: api.wrapper });
    expect(await screen.findByRole("row", { name: /Member 0/ })).toBeTruthy();
    const first = { order: "NEWEST", search: "", first: STAFF_PAGE_SIZE, after: null };
    expect(sent(api, "StaffAccountPage")).toEqual([first]);

    // The pager is drawn again with each page: found afresh each time.
    const pager = () => screen.getByRole("navigation", { name: "Members: pages" });
    expect(
      (within(pager()).getByRole("button", { name: "Previous" }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.click(within(pager()).getByRole("button", { name: "Next" }));
    expect(await screen.findByRole("row", { name: /Member 2/ })).toBeTruthy();
    expect(screen.queryByRole("row", { name: /Member 0/ })).toBeNull();
    expect(sent(api, "StaffAccountPage").at(-1)).toEqual({ ...first, after: "cursor-1" });
    expect(within(pager()).getByText("Page 2")).toBeTruthy();

    fireEvent.click(within(pager()).getByRole("button", { name: "Previous" }));
    expect(await screen.findByRole("row", { name: /Member 0/ })).toBeTruthy();

    fireEvent.click(within(pager()).getByRole("button", { name: "Next" }));
    await screen.findByRole("row", { name: /Member 2/ });
    fireEvent.change(screen.getByLabelText("Order"), { target: { value: "NAME" } });
    expect(await screen.findByRole("row", { name: /Member 0/ })).toBeTruthy();
    expect(sent(api, "StaffAccountPage").at(-1)).toEqual({ ...first, order: "NAME" });

    const form = screen.getByRole("form", { name: "Find a member" });
    fireEvent.change(within(form).getByLabelText("Name or email address"), {
      target: { value: " member1 " },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Search" }));
    await screen.findByRole("table", { name: "Members matching “member1”" });
    expect(sent(api, "StaffAccountPage").at(-1)).toEqual({
      ...first,
      order: "NAME",
      search: "member1",
    });
  });
});
