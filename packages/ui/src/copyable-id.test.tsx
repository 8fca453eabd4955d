import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CopyableId } from "./copyable-id.js";

const ID = "01a24836-7a10-7000-8000-00000000ada1";

afterEach(() => vi.unstubAllGlobals());

describe("a copyable id", () => {
  it("shows the whole id, not a prefix", () => {
    render(<CopyableId id={ID} what="grant id" />);
    expect(screen.getByText(ID).tagName).toBe("CODE");
  });

  it("copies the whole id and says so", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    render(<CopyableId id={ID} what="grant id" />);
    fireEvent.click(screen.getByRole("button", { name: "Copy grant id" }));
    expect(await screen.findByText("Copied")).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(ID);
  });

  it("selects the id to copy by hand when there is no clipboard", async () => {
    vi.stubGlobal("navigator", {});
    render(<CopyableId id={ID} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy id" }));
    expect(await screen.findByText("Selected: press Ctrl+C to copy")).toBeTruthy();
    expect(window.getSelection()?.toString()).toBe(ID);
  });
});
