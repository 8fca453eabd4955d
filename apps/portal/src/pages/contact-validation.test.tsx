/** The contact form checks every field first, by the API's rule, and shows every problem at once. */
import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SessionProvider } from "../session.js";
import { ContactPage } from "./contact.js";

function setup() {
  const api = fakeApi({
    PortalSession: () => ({ viewer: { kind: "anonymous" }, me: null, policy: null }),
    SubmitSupportRequest: () => ({ submitSupportRequest: { id: "s1" } }),
    ContactAddress: () => ({ contactAddress: "questions@safesoft.example" }),
  });
  render(
    <SessionProvider>
      <ContactPage />
    </SessionProvider>,
    { wrapper: api.wrapper },
  );
  return api;
}

function errorOf(label: string): string | null {
  const control = screen.getByLabelText(label);
  const id = (control.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .find((x) => x.endsWith("-error"));
  if (!id) return null;
  expect(control.getAttribute("aria-invalid")).toBe("true");
  return document.getElementById(id)?.textContent ?? null;
}

describe("the contact form's checks", () => {
  it("shows every problem at once next to its field, and sends nothing", async () => {
    const api = setup();
    fireEvent.click(await screen.findByRole("button", { name: "Send question" }));
    await waitFor(() => expect(errorOf("Subject")).toBe("Enter a subject."));
    expect(errorOf("Your question")).toBe("Write your question.");
    expect(errorOf("Your email address, for our answer")).toBe(
      "Give an email address we can answer you at, or sign in.",
    );
    expect(document.activeElement).toBe(screen.getByLabelText("Subject"));
    expect(api.mutations).toEqual([]);
  });

  it("sends once every field is right", async () => {
    const api = setup();
    fireEvent.change(await screen.findByLabelText("Subject"), { target: { value: "Hello" } });
    fireEvent.change(screen.getByLabelText("Your question"), { target: { value: "A question" } });
    fireEvent.change(screen.getByLabelText("Your email address, for our answer"), {
      target: { value: "ada@example.com" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send question" }));
    await waitFor(() => expect(api.mutations.map((m) => m.name)).toEqual(["SubmitSupportRequest"]));
  });
});
