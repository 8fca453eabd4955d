import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SessionProvider } from "../session.js";
import { ContactPage } from "./contact.js";
import { NewsletterConfirmPage } from "./newsletter-confirm.js";

function setup() {
  const api = fakeApi({
    PortalSession: () => ({ me: null, policy: null, privacySignals: null, viewer: null }),
    ContactAddress: () => ({ contactAddress: "questions@safesoft.example" }),
    SubscribeNewsletter: () => ({ subscribeNewsletter: true }),
  });
  render(
    <SessionProvider>
      <ContactPage />
    </SessionProvider>,
    { wrapper: api.wrapper },
  );
  return api;
}

describe("the contact page", () => {
  it("[P-19] shows the contact address the API gives, as a mail link", async () => {
    setup();
    const link = await screen.findByRole("link", { name: "questions@safesoft.example" });
    expect(link.getAttribute("href")).toBe("mailto:questions@safesoft.example");
  });

  it("[P-08] a newsletter sign-up says a confirmation link was sent, not that it is done", async () => {
    const api = setup();
    fireEvent.change(await screen.findByLabelText("Email address"), {
      target: { value: "reader@example.com" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
    const pending = await screen.findByTestId("newsletter-pending");
    expect(pending.textContent).toMatch(/sent it an email with a link/);
    expect(pending.textContent).toMatch(/until then we send you nothing/);
    expect(api.mutations).toEqual([
      { name: "SubscribeNewsletter", variables: { email: "reader@example.com" } },
    ]);
  });
});

describe("the newsletter confirmation page", () => {
  function open(search: string, confirm: () => unknown) {
    window.history.replaceState(null, "", `/newsletter/confirm${search}`);
    const api = fakeApi({ ConfirmNewsletterSubscription: confirm });
    render(<NewsletterConfirmPage />, { wrapper: api.wrapper });
    return api;
  }

  it("[P-08] confirms only when the button is pressed, with the link's token", async () => {
    const api = open("?token=abc_DEF-123", () => ({ confirmNewsletterSubscription: true }));
    expect(api.mutations).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Confirm my subscription" }));
    expect((await screen.findByTestId("newsletter-confirmed")).textContent).toMatch(
      /You are subscribed/,
    );
    expect(api.mutations).toEqual([
      { name: "ConfirmNewsletterSubscription", variables: { token: "abc_DEF-123" } },
    ]);
  });

  it("says a used or expired link is so, in the API's words, and offers to sign up again", async () => {
    open("?token=used", () => {
      throw Object.assign(
        new Error(
          "This confirmation link has expired or was already used. Sign up again to get a new one.",
        ),
        { code: "NEWSLETTER_LINK_INVALID" },
      );
    });
    fireEvent.click(screen.getByRole("button", { name: "Confirm my subscription" }));
    expect(await screen.findByText(/expired or was already used/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Sign up again" }).getAttribute("href")).toBe(
      "/contact",
    );
  });

  it("without a token, offers no button", () => {
    open("", () => ({ confirmNewsletterSubscription: true }));
    expect(screen.queryByRole("button", { name: "Confirm my subscription" })).toBeNull();
    expect(screen.getByText(/This link is incomplete/)).toBeTruthy();
  });
});
