import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StaffSessionProvider } from "../session.js";
import { decodeRendered } from "../test-support/qr.js";
import { SignInPage } from "./sign-in.js";

function refusal(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}

function setup(handlers: Parameters<typeof fakeApi>[0], path = "/") {
  window.history.pushState(null, "", path);
  const api = fakeApi({
    ConsoleSession: () => ({ viewer: { kind: "anonymous", role: null } }),
    ...handlers,
  });
  render(
    <StaffSessionProvider>
      <SignInPage />
    </StaffSessionProvider>,
    { wrapper: api.wrapper },
  );
  return api;
}

function submitPassword() {
  fireEvent.change(screen.getByLabelText("Email address"), {
    target: { value: "ines@privet.example" },
  });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "a password" } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

afterEach(() => window.history.pushState(null, "", "/"));

describe("the console's sign-in", () => {
  it("asks for the authenticator's code after the password, and sends both", async () => {
    const api = setup({
      StaffSignIn: (variables) => {
        if (!variables.totpCode) throw refusal("TOTP_REQUIRED", "Enter the code.");
        return { staffSignIn: { id: "s1", name: "Ines", role: "PRIVACY_OFFICER" } };
      },
    });
    submitPassword();
    fireEvent.change(await screen.findByLabelText(/Authentication code/), {
      target: { value: "123 456" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByLabelText(/Authentication code/);
    expect(api.mutations.at(-1)).toEqual({
      name: "StaffSignIn",
      variables: { email: "ines@privet.example", password: "a password", totpCode: "123456" },
    });
  });

  it("the first time, shows the secret to set up the app and confirms it with a code", async () => {
    const api = setup({
      StaffSignIn: () => {
        throw refusal("TOTP_ENROLMENT_REQUIRED", "Set one up.");
      },
      BeginStaffTotpEnrolment: () => ({
        beginStaffTotpEnrolment: {
          secret: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
          otpauthUri: "otpauth://totp/Privet:ines?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        },
      }),
    });
    submitPassword();
    expect(
      await screen.findByRole("heading", { name: "Set up your authenticator app" }),
    ).toBeTruthy();
    expect(screen.getByText("ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567")).toBeTruthy();
    expect(
      screen.getByRole("link", { name: "Open in an authenticator app" }).getAttribute("href"),
    ).toMatch(/^otpauth:\/\/totp\//);
    // Beside the key, a QR code (loaded when needed) of exactly the URI the API gave.
    const qr = await screen.findByRole("img", { name: /QR code of your authenticator key/ });
    expect(decodeRendered(qr)).toBe(
      "otpauth://totp/Privet:ines?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    );
    expect(screen.getByRole("button", { name: "Confirm and sign in" })).toBeTruthy();
    expect(api.mutations.map((m) => m.name)).toEqual(["StaffSignIn", "BeginStaffTotpEnrolment"]);
  });

  it("forgot password says the same whatever the address", async () => {
    const api = setup(
      { RequestStaffPasswordReset: () => ({ requestStaffPasswordReset: true }) },
      "/forgot-password",
    );
    fireEvent.change(await screen.findByLabelText("Email address"), {
      target: { value: "someone@privet.example" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Email me a link" }));
    expect(await screen.findByText(/If that address belongs to a staff account/)).toBeTruthy();
    expect(api.mutations).toEqual([
      { name: "RequestStaffPasswordReset", variables: { email: "someone@privet.example" } },
    ]);
  });

  it("the emailed link's page checks the password rule before sending", async () => {
    const api = setup(
      {
        SetStaffPassword: () => ({
          setStaffPassword: { email: "a@b.c", secondFactorRequired: false },
        }),
      },
      "/set-password?token=abcdefghijklmnopqrstuvwxyz",
    );
    fireEvent.change(await screen.findByLabelText(/^New password$/), {
      target: { value: "short" },
    });
    fireEvent.change(screen.getByLabelText("New password again"), { target: { value: "short" } });
    fireEvent.click(screen.getByRole("button", { name: "Set password" }));
    expect(await screen.findByText("Use a password of at least 12 characters.")).toBeTruthy();
    expect(api.mutations).toEqual([]);
  });
});
