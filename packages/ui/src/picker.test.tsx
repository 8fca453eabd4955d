import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Picker, type PickerAnswer, type PickerOption } from "./picker.js";

const ADA: PickerOption = { id: "id-ada", label: "Ada Lovelace", detail: "ada@example.com" };
const GRACE: PickerOption = { id: "id-grace", label: "Grace Hopper", detail: "grace@example.com" };
const PEOPLE = [ADA, GRACE];

/** A search over PEOPLE that records what it was asked. */
function searchPeople() {
  const asked: string[] = [];
  const search = async (text: string): Promise<PickerAnswer> => {
    asked.push(text);
    return { options: PEOPLE.filter((p) => p.label.toLowerCase().includes(text.toLowerCase())) };
  };
  return { asked, search };
}

function renderPicker(props: Partial<Parameters<typeof Picker>[0]> = {}) {
  const { asked, search } = searchPeople();
  const onChange = vi.fn();
  render(
    <form>
      <Picker label="Customer" name="customerId" search={search} onChange={onChange} {...props} />
    </form>,
  );
  const input = screen.getByRole("combobox", { name: "Customer" }) as HTMLInputElement;
  const hidden = () =>
    (document.querySelector('input[name="customerId"]') as HTMLInputElement).value;
  return { input, asked, onChange, hidden };
}

/** Type into the input and let the pause before searching pass. */
async function type(input: HTMLElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  await act(() => vi.advanceTimersByTimeAsync(300));
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the picker", () => {
  it("searches once typing pauses, not on every key", async () => {
    const { input, asked } = renderPicker({ minLength: 2 });
    fireEvent.change(input, { target: { value: "g" } });
    fireEvent.change(input, { target: { value: "gr" } });
    fireEvent.change(input, { target: { value: "gra" } });
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(asked).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(asked).toEqual(["gra"]);
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Grace Hoppergrace@example.com",
    ]);
  });

  it("does not search below the minimum length", async () => {
    const { input, asked } = renderPicker({ minLength: 2 });
    await type(input, "a");
    expect(asked).toEqual([]);
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("is a combobox that owns its listbox and says when it is open", async () => {
    const { input } = renderPicker();
    expect(input.getAttribute("aria-expanded")).toBe("false");
    await type(input, "a");
    const list = screen.getByRole("listbox", { name: "Customer" });
    expect(input.getAttribute("aria-controls")).toBe(list.id);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("status").textContent).toMatch(/^2 matches/);
  });

  it("moves through the options with the arrows and chooses with Enter, sending the id", async () => {
    const { input, onChange, hidden } = renderPicker();
    await type(input, "a");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    fireEvent.keyDown(input, { key: "ArrowDown" });
    const grace = screen.getByRole("option", { name: /Grace Hopper/ });
    expect(grace.getAttribute("aria-selected")).toBe("true");
    expect(input.getAttribute("aria-activedescendant")).toBe(grace.id);
    fireEvent.keyDown(input, { key: "ArrowUp" });
    expect(screen.getByRole("option", { name: /Ada/ }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(input, { key: "ArrowUp" }); // wraps round to the last
    const enter = fireEvent.keyDown(input, { key: "Enter" });
    expect(enter).toBe(false); // Enter did not also submit the form
    expect(input.value).toBe("Grace Hopper");
    expect(hidden()).toBe("id-grace");
    expect(onChange).toHaveBeenLastCalledWith(GRACE);
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("chooses an option by pointer", async () => {
    const { input, hidden } = renderPicker();
    await type(input, "ada");
    fireEvent.mouseDown(screen.getByRole("option", { name: /Ada Lovelace/ }));
    expect(input.value).toBe("Ada Lovelace");
    expect(hidden()).toBe("id-ada");
  });

  it("closes the list on Escape without choosing", async () => {
    const { input, hidden, onChange } = renderPicker();
    await type(input, "a");
    fireEvent.keyDown(input, { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(hidden()).toBe("");
    expect(onChange).not.toHaveBeenCalled();
  });

  it("forgets the choice as soon as the text is edited", async () => {
    const { input, hidden, onChange } = renderPicker();
    await type(input, "ada");
    fireEvent.mouseDown(screen.getByRole("option", { name: /Ada/ }));
    fireEvent.change(input, { target: { value: "Ada Lovelac" } });
    expect(hidden()).toBe("");
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it("says when nothing matches", async () => {
    const { input } = renderPicker({ noMatch: "No customer matches." });
    await type(input, "zzz");
    expect(screen.queryByRole("option")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("No customer matches.");
  });

  it("says why a search was refused, in the search's words", async () => {
    const { input } = renderPicker({
      search: async () => ({ problem: "Declare a purpose first." }),
    });
    await type(input, "ada");
    expect(screen.getByRole("status").textContent).toBe("Declare a purpose first.");
  });

  it("shows only the newest query's answer when an older one arrives late", async () => {
    const answers: Array<(answer: PickerAnswer) => void> = [];
    const { input } = renderPicker({
      search: (_text) => new Promise<PickerAnswer>((resolve) => answers.push(resolve)),
    });
    await type(input, "a");
    await type(input, "gr");
    await act(async () => answers[1]?.({ options: [GRACE] }));
    await act(async () => answers[0]?.({ options: [ADA, GRACE] }));
    expect(screen.getAllByRole("option").map((o) => o.id)).toHaveLength(1);
    expect(screen.getByRole("option", { name: /Grace/ })).toBeTruthy();
  });

  it("lists options on focus when no characters are needed", async () => {
    const { input, asked } = renderPicker({ minLength: 0 });
    fireEvent.focus(input);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(asked).toEqual([""]);
    expect(screen.getAllByRole("option")).toHaveLength(2);
  });

  it("shows the error next to the input and marks it invalid", () => {
    const { input } = renderPicker({ error: "Choose a customer." });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const message = document.getElementById(String(input.getAttribute("aria-describedby")));
    expect(message?.textContent).toBe("Choose a customer.");
  });
});
