import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { SessionProvider } from "../session.js";
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from "./account-links.js";

const TOKEN = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

function open(page: ReactElement, url: string, handlers: Record<string, () => unknown> = {}) {
  window.history.replaceState(null, "", url);
  const api = fakeApi({
    PortalSession: () => ({ me: null, policy: null }),
    ConfirmEmail: () => ({ confirmEmail: { changed: false } }),
    RequestPasswordReset: () => ({ requestPasswordReset: true }),
    ResetPassword: () => ({ resetPassword: true }),
    ...handlers,
  });
  render(<SessionProvider>{page}</SessionProvider>, { wrapper: api.wrapper });
  return api;
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("the page an email link opens", () => {
  it("takes the token out of the address and confirms only when the button is pressed", async () => {
    const api = open(<VerifyEmailPage />, `/verify-email?token=${TOKEN}`);
    expect(window.location.search).toBe("");
    expect(api.mutations).toEqual([]);
    fireEvent.click(await screen.findByRole("button", { name: "Confirm my email address" }));
    expect(
      await screen.findByRole("heading", { name: "Your email address is confirmed" }),
    ).toBeTruthy();
    expect(api.mutations).toEqual([{ name: "ConfirmEmail", variables: { token: TOKEN } }]);
  });

  it("says a used or expired link is so, in plain words", async () => {
    open(<VerifyEmailPage />, `/verify-email?token=${TOKEN}`, {
      ConfirmEmail: () => {
        throw Object.assign(
          new Error("This link has expired or was already used. Ask for a new one."),
          {
            code: "ACCOUNT_LINK_INVALID",
          },
        );
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Confirm my email address" }));
    expect(
      await screen.findByText("This link has expired or was already used. Ask for a new one."),
    ).toBeTruthy();
  });

  it("a change of address says so", async () => {
    open(<VerifyEmailPage />, `/verify-email?token=${TOKEN}`, {
      ConfirmEmail: () => ({ confirmEmail: { changed: true } }),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Confirm my email address" }));
    expect(
      await screen.findByRole("heading", { name: "Your email address is changed" }),
    ).toBeTruthy();
  });
});

describe("forgot your password", () => {
  it("asks for the address first, then gives the same answer whatever it is", async () => {
    const api = open(<ForgotPasswordPage />, "/forgot-password");
    fireEvent.click(await screen.findByRole("button", { name: "Send me a link" }));
    expect(await screen.findByText("Enter the email address you signed up with.")).toBeTruthy();
    expect(api.mutations).toEqual([]);
    fireEvent.change(screen.getByLabelText("Email address"), {
      target: { value: " ada@example.com " },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send me a link" }));
    expect(await screen.findByText(/If/)).toBeTruthy();
    expect(screen.getByText(/belongs to a Privet account, we have sent it a link/)).toBeTruthy();
    expect(api.mutations).toEqual([
      { name: "RequestPasswordReset", variables: { email: "ada@example.com" } },
    ]);
  });
});

describe("choosing a new password from a reset link", () => {
  it("holds the password to the rule, then sends it with the token", async () => {
    const api = open(<ResetPasswordPage />, `/reset-password?token=${TOKEN}`);
    expect(window.location.search).toBe("");
    fireEvent.change(await screen.findByLabelText("New password"), { target: { value: "short" } });
    fireEvent.click(screen.getByRole("button", { name: "Save new password" }));
    expect(await screen.findByText("Use a password of at least 12 characters.")).toBeTruthy();
    expect(api.mutations).toEqual([]);
    fireEvent.change(screen.getByLabelText("New password"), {
      target: { value: "a long new passphrase" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save new password" }));
    await waitFor(() =>
      expect(api.mutations).toEqual([
        { name: "ResetPassword", variables: { token: TOKEN, password: "a long new passphrase" } },
      ]),
    );
    expect(await screen.findByText(/You are signed out everywhere else/)).toBeTruthy();
  });

  it("without a token, points to asking for a new link", async () => {
    open(<ResetPasswordPage />, "/reset-password");
    expect(await screen.findByText(/has no link in it/)).toBeTruthy();
    expect(screen.queryByLabelText("New password")).toBeNull();
  });
});
