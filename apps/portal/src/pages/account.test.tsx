import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SessionProvider } from "../session.js";
import { AccountPage, deviceInWords } from "./account.js";

const SESSIONS = [
  {
    id: "s1",
    browser: "Firefox",
    os: "Linux",
    lastSeenAt: "2026-12-06T12:00:00.000Z",
    current: true,
  },
  {
    id: "s2",
    browser: "Safari",
    os: "iOS",
    lastSeenAt: "2026-12-05T08:00:00.000Z",
    current: false,
  },
];

function setup(
  me: { emailVerified: boolean; sessions?: typeof SESSIONS },
  handlers: Record<string, (variables: Record<string, unknown>) => unknown> = {},
) {
  const api = fakeApi({
    PortalSession: () => ({
      me: { id: "c1", name: "Ada", email: "ada@example.com", country: "DE", jurisdiction: "OTHER" },
      policy: null,
    }),
    AccountSettings: () => ({
      me: {
        id: "c1",
        email: "ada@example.com",
        emailVerified: me.emailVerified,
        activeSessions: me.sessions ?? SESSIONS,
      },
    }),
    ResendEmailVerification: () => ({ resendEmailVerification: true }),
    RequestEmailChange: () => ({ requestEmailChange: true }),
    ChangePassword: () => ({ changePassword: true }),
    SignOutOtherSessions: () => ({ signOutOtherSessions: 1 }),
    ...handlers,
  });
  render(
    <SessionProvider>
      <AccountPage />
    </SessionProvider>,
    { wrapper: api.wrapper },
  );
  return api;
}

describe("the device of a session in words", () => {
  it("names the browser and the system, and says what is unknown", () => {
    expect(deviceInWords({ browser: "Firefox", os: "Linux" })).toBe("Firefox on Linux");
    expect(deviceInWords({ browser: "Other", os: "Android" })).toBe(
      "An unknown browser on Android",
    );
    expect(deviceInWords({ browser: null, os: null })).toBe("An unknown browser");
  });
});

describe("my account's email address", () => {
  it("shows an unverified address as such, says what that means, and sends a new link", async () => {
    const api = setup({ emailVerified: false });
    expect((await screen.findByTestId("email-status")).textContent).toBe("Unverified");
    expect(screen.getByText(/we will not send marketing to this address/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Send me a new link" }));
    expect(await screen.findByText(/We sent a new link to ada@example.com/)).toBeTruthy();
    expect(api.mutations.map((m) => m.name)).toEqual(["ResendEmailVerification"]);
  });

  it("shows a verified address without the reminder", async () => {
    setup({ emailVerified: true });
    expect((await screen.findByTestId("email-status")).textContent).toBe("Verified");
    expect(screen.queryByRole("button", { name: "Send me a new link" })).toBeNull();
  });

  it("checks a change of address before sending it, then says where the link went", async () => {
    const api = setup({ emailVerified: true });
    fireEvent.click(await screen.findByText("Change my email address"));
    fireEvent.click(screen.getByRole("button", { name: "Send a confirmation link" }));
    expect(await screen.findByText("Enter your new email address.")).toBeTruthy();
    expect(screen.getAllByText("Enter your current password.")).toHaveLength(1);
    expect(api.mutations).toEqual([]);

    // The API's rule for an address, checked here first.
    fireEvent.change(screen.getByLabelText("New email address"), {
      target: { value: "ada at new.example" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send a confirmation link" }));
    expect(await screen.findByText("Enter an email address like name@example.com.")).toBeTruthy();
    expect(api.mutations).toEqual([]);

    fireEvent.change(screen.getByLabelText("New email address"), {
      target: { value: "ada@new.example" },
    });
    fireEvent.change(screen.getAllByLabelText("Current password")[0] as HTMLElement, {
      target: { value: "my password" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send a confirmation link" }));
    expect(await screen.findByText(/We sent a link to ada@new.example/)).toBeTruthy();
    expect(api.mutations).toEqual([
      {
        name: "RequestEmailChange",
        variables: { newEmail: "ada@new.example", currentPassword: "my password" },
      },
    ]);
  });
});

describe("changing my password", () => {
  it("holds the new password to the rule and shows a wrong current password next to its field", async () => {
    const api = setup(
      { emailVerified: true },
      {
        ChangePassword: () => {
          throw Object.assign(new Error("Your current password is not correct."), {
            code: "CURRENT_PASSWORD_WRONG",
            field: "currentPassword",
          });
        },
      },
    );
    fireEvent.click(await screen.findByText("Change my password"));
    const form = screen
      .getByRole("button", { name: "Change password" })
      .closest("form") as HTMLElement;
    fireEvent.change(within(form).getByLabelText("Current password"), {
      target: { value: "wrong one" },
    });
    fireEvent.change(within(form).getByLabelText("New password"), { target: { value: "short" } });
    fireEvent.click(within(form).getByRole("button", { name: "Change password" }));
    expect(await within(form).findByText("Use a password of at least 12 characters.")).toBeTruthy();
    expect(api.mutations).toEqual([]);

    fireEvent.change(within(form).getByLabelText("New password"), {
      target: { value: "a long new passphrase" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Change password" }));
    const message = await within(form).findByText("Your current password is not correct.");
    expect(within(form).getByLabelText("Current password").getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(message.id).toBeTruthy();
  });
});

describe("where I am signed in", () => {
  it("lists the sessions in words, marks this device, and signs out the others after a preview", async () => {
    const api = setup({ emailVerified: true });
    const rows = await screen.findAllByTestId("session");
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining("Firefox on LinuxThis device"),
      expect.stringContaining("Safari on iOS"),
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Sign out everywhere else" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign out everywhere else?" });
    expect(within(dialog).getByText(/Safari on iOS, last used/)).toBeTruthy();
    expect(api.mutations).toEqual([]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Sign out 1 other session" }));
    expect(await screen.findByText("1 other session was signed out.")).toBeTruthy();
    expect(api.mutations.map((m) => m.name)).toEqual(["SignOutOtherSessions"]);
  });

  it("offers nothing to sign out when this is the only session", async () => {
    setup({ emailVerified: true, sessions: SESSIONS.slice(0, 1) });
    expect(await screen.findByText("You are not signed in anywhere else.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Sign out everywhere else" })).toBeNull();
  });
});
