/** The card form checks the expiry by the API's rule (month 1–12, a year in range) before sending. */
import { fakeApi, withErrors } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Payment } from "./payment.js";

function setup(save: () => unknown = () => ({ setPaymentMethod: { id: "pm1" } })) {
  const api = fakeApi({
    MyData: () => ({ me: { id: "c1", paymentMethod: null } }),
    SetPaymentMethod: save,
  });
  render(<Payment />, { wrapper: api.wrapper });
  return api;
}

async function enter(number: string, expiry: string) {
  fireEvent.change(await screen.findByLabelText("Card number"), { target: { value: number } });
  fireEvent.change(screen.getByLabelText("Expiry (MM/YY)"), { target: { value: expiry } });
  fireEvent.click(screen.getByRole("button", { name: "Save card" }));
}

function errorOf(label: string): string | null {
  const control = screen.getByLabelText(label);
  const id = (control.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .find((x) => x.endsWith("-error"));
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

describe("the card form's checks", () => {
  it("refuses month 13 next to the expiry, with the number's problem at once, and sends nothing", async () => {
    const api = setup();
    await enter("4111 1111 1111 1112", "13/30");
    await waitFor(() =>
      expect(errorOf("Expiry (MM/YY)")).toBe("Enter the expiry month as a number from 01 to 12."),
    );
    expect(errorOf("Card number")).toBe("Check the card number: it does not look right.");
    expect(screen.getByLabelText("Expiry (MM/YY)").getAttribute("aria-invalid")).toBe("true");
    expect(api.mutations).toEqual([]);
  });

  it("refuses an expired card and a year too far ahead", async () => {
    setup();
    await enter("4111 1111 1111 1111", "01/20");
    await waitFor(() => expect(errorOf("Expiry (MM/YY)")).toBe("This card has expired."));
    await enter("4111 1111 1111 1111", "01/99");
    await waitFor(() =>
      expect(errorOf("Expiry (MM/YY)")).toMatch(/^Enter the expiry year shown on your card/),
    );
  });

  it("sends a valid card, and shows the API's problems next to the fields", async () => {
    const api = setup(() =>
      withErrors(null, [
        {
          message: "This card has expired.",
          extensions: {
            code: "BAD_USER_INPUT",
            field: "expiryMonth",
            fields: [{ field: "expiryMonth", message: "This card has expired." }],
          },
        },
      ]),
    );
    await enter("4111 1111 1111 1111", "12/30");
    await waitFor(() => expect(api.mutations.map((m) => m.name)).toEqual(["SetPaymentMethod"]));
    expect(api.mutations[0]?.variables).toMatchObject({
      input: { expiryMonth: 12, expiryYear: 2030, last4: "1111" },
    });
    await waitFor(() => expect(errorOf("Expiry (MM/YY)")).toBe("This card has expired."));
  });
});
