import { PASSWORD_RULE, passwordProblem } from "@privet/domain/passwords";
import { waitInWords } from "@privet/ui/errors";
import { fakeApi, withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SessionProvider } from "../session.js";
import { SignInPage, SignUpPage } from "./sign-in.js";

function setup(page: "up" | "in") {
  const api = fakeApi({
    PortalSession: () => ({
      me: null,
      policy: { id: "p1", version: "2026-01-15", effectiveAt: "2026-01-15T00:00:00.000Z" },
    }),
    Register: () => ({
      register: {
        customer: { id: "c1", name: "Ada", email: "ada@example.com" },
        jurisdictionNotice: null,
        policyVersion: "2026-01-15",
        policyEffectiveAt: "2026-01-15T00:00:00.000Z",
      },
    }),
    SignIn: () => ({ signIn: { customer: { id: "c1" } } }),
  });
  render(<SessionProvider>{page === "up" ? <SignUpPage /> : <SignInPage />}</SessionProvider>, {
    wrapper: api.wrapper,
  });
  return api;
}

function fillSignUp(password: string) {
  fireEvent.change(screen.getByLabelText("Full name"), { target: { value: "Ada Lovelace" } });
  fireEvent.change(screen.getByLabelText("Email address"), {
    target: { value: "ada@example.com" },
  });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.change(screen.getByLabelText("Country you live in"), { target: { value: "DE" } });
  fireEvent.click(screen.getByRole("button", { name: "Create account" }));
}

describe("the sign-up form's password", () => {
  it("shows the domain's rule as its hint", async () => {
    setup("up");
    const password = await screen.findByLabelText("Password");
    expect(PASSWORD_RULE).toBe("At least 12 characters.");
    expect(screen.getByText(PASSWORD_RULE)).toBeTruthy();
    expect(password.getAttribute("aria-describedby")).toContain(screen.getByText(PASSWORD_RULE).id);
  });

  it("refuses 11 characters next to the field, in the API's words, without sending anything", async () => {
    const api = setup("up");
    await screen.findByLabelText("Password");
    fillSignUp("abcdefghijk");
    const message = await screen.findByText("Use a password of at least 12 characters.");
    expect(message.textContent).toBe(passwordProblem("abcdefghijk"));
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBe("true");
    expect(api.mutations).toEqual([]);
  });

  it("sends 12 characters", async () => {
    const api = setup("up");
    await screen.findByLabelText("Password");
    fillSignUp("abcdefghijkl");
    await waitFor(() => expect(api.mutations.map((m) => m.name)).toEqual(["Register"]));
    expect(api.mutations[0]?.variables).toMatchObject({
      input: { email: "ada@example.com", password: "abcdefghijkl", country: "DE" },
    });
    expect(screen.queryByText(/Use a password of/)).toBeNull();
  });
});

describe("the sign-in form's password", () => {
  it("is not held to the length rule: an older 11-character password is sent", async () => {
    const api = setup("in");
    fireEvent.change(await screen.findByLabelText("Email address"), {
      target: { value: "demo.customer@example.com" },
    });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "privet-demo" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() =>
      expect(api.mutations).toEqual([
        {
          name: "SignIn",
          variables: { email: "demo.customer@example.com", password: "privet-demo" },
        },
      ]),
    );
  });
});

describe("a refused sign-in", () => {
  it("says how long to wait when the API gives a retryAfterSeconds", async () => {
    const api = fakeApi({
      PortalSession: () => ({ me: null, policy: null }),
      SignIn: () =>
        withErrors(null, [
          {
            message: "Too many attempts. Wait a moment and try again.",
            extensions: { code: "RATE_LIMITED", retryAfterSeconds: 16 },
          },
        ]),
    });
    render(
      <SessionProvider>
        <SignInPage />
      </SessionProvider>,
      { wrapper: api.wrapper },
    );
    fireEvent.change(await screen.findByLabelText("Email address"), {
      target: { value: "demo.customer@example.com" },
    });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "privet-demo" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(
      await screen.findByText("Too many attempts. Please try again in 16 seconds."),
    ).toBeTruthy();
  });

  it.each([
    [1, "1 second"],
    [45, "45 seconds"],
    [60, "1 minute"],
    [61, "2 minutes"],
    [900, "15 minutes"],
  ])("%d s reads %j", (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });
});

describe("the sign-up form's words", () => {
  it("[P-08] says registering records marketing consent, and how to stop it in one click", async () => {
    setup("up");
    const text = (await screen.findByText(/By creating an account you accept/)).textContent ?? "";
    expect(text).toMatch(/records your consent to our marketing emails/);
    expect(text).toMatch(/one-click unsubscribe link/);
    expect(text).toMatch(/My consents/);
    expect(text).not.toMatch(/We will ask/);
  });
});
