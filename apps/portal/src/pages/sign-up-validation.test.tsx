/**
 * The sign-up form checks every field before sending, by the API's own rules
 * (@privet/domain/form-rules), and shows every problem at once next to its field; countries are
 * the full ISO list in the browser's language; for the US a state from the list is required.
 */
import { COUNTRY_CODES, US_STATES } from "@privet/domain/places";
import { fakeApi, withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SessionProvider } from "../session.js";
import { SignUpPage } from "./sign-in.js";

const WELCOME = {
  register: {
    customer: { id: "c1", name: "Ada", email: "ada@example.com" },
    jurisdictionNotice: null,
    policyVersion: "2026-01-15",
    policyEffectiveAt: "2026-01-15T00:00:00.000Z",
  },
};

function setup(register: () => unknown = () => WELCOME) {
  const api = fakeApi({
    PortalSession: () => ({
      me: null,
      policy: { id: "p1", version: "2026-01-15", effectiveAt: "2026-01-15T00:00:00.000Z" },
    }),
    Register: register,
  });
  render(
    <SessionProvider>
      <SignUpPage />
    </SessionProvider>,
    { wrapper: api.wrapper },
  );
  return api;
}

const change = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const submit = () => fireEvent.click(screen.getByRole("button", { name: "Create account" }));

/** The field's error, found through its aria-describedby, with aria-invalid set. */
function errorOf(label: string): string | null {
  const control = screen.getByLabelText(label);
  const ids = (control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  const error = ids
    .map((id) => document.getElementById(id))
    .find((el) => el?.className === "field-error");
  if (!error) return null;
  expect(control.getAttribute("aria-invalid")).toBe("true");
  return error.textContent;
}

function fillValid(country: string) {
  change("Full name", "Ada Lovelace");
  change("Email address", "ada@example.com");
  change("Password", "a long enough password");
  change("Country you live in", country);
}

describe("the sign-up form's checks", () => {
  it("shows every problem at once, in words, next to its field, sends nothing and focuses the first", async () => {
    const api = setup();
    await screen.findByLabelText("Full name");
    change("Email address", "ada@");
    change("Password", "short");
    submit();
    await waitFor(() => expect(errorOf("Full name")).toBe("Enter your full name."));
    expect(errorOf("Email address")).toBe("Enter an email address like name@example.com.");
    expect(errorOf("Password")).toBe("Use a password of at least 12 characters.");
    expect(errorOf("Country you live in")).toBe("Choose the country you live in.");
    expect(document.activeElement).toBe(screen.getByLabelText("Full name"));
    expect(api.mutations).toEqual([]);
  });

  it("offers every ISO country, named in the browser's language", async () => {
    setup();
    const select = (await screen.findByLabelText("Country you live in")) as HTMLSelectElement;
    const options = Array.from(select.options).filter((option) => option.value !== "");
    expect(options).toHaveLength(COUNTRY_CODES.length);
    expect(options.find((option) => option.value === "DE")?.textContent).toBe("Germany");
    expect(options.find((option) => option.value === "AX")?.textContent).toBe("Åland Islands");
    expect(options.every((option) => option.textContent !== option.value)).toBe(true);
  });

  it("requires a state from the list for the US, and sends its code", async () => {
    const api = setup();
    await screen.findByLabelText("Full name");
    expect(screen.queryByLabelText("State")).toBeNull();
    fillValid("US");
    const state = screen.getByLabelText("State") as HTMLSelectElement;
    expect(Array.from(state.options).filter((o) => o.value !== "")).toHaveLength(US_STATES.length);
    submit();
    await waitFor(() => expect(errorOf("State")).toBe("Choose the state you live in."));
    expect(api.mutations).toEqual([]);

    change("State", "CA");
    submit();
    await waitFor(() => expect(api.mutations.map((m) => m.name)).toEqual(["Register"]));
    expect(api.mutations[0]?.variables).toMatchObject({ input: { country: "US", region: "CA" } });
  });

  it("shows each problem the API answered next to its field", async () => {
    setup(() =>
      withErrors(null, [
        {
          message: "Enter your full name.",
          extensions: {
            code: "BAD_USER_INPUT",
            field: "name",
            fields: [
              { field: "name", message: "Enter your full name." },
              { field: "country", message: "Choose a country from the list." },
            ],
          },
        },
      ]),
    );
    await screen.findByLabelText("Full name");
    fillValid("FR");
    submit();
    await waitFor(() =>
      expect(errorOf("Country you live in")).toBe("Choose a country from the list."),
    );
    expect(errorOf("Full name")).toBe("Enter your full name.");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
