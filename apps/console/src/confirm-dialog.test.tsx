/** The shared confirmation (@privet/ui/confirm) every irreversible or broadcast action uses. */
import { ConfirmDialog } from "@privet/ui/confirm";
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

function Opener({
  onConfirm = () => {},
  typeToConfirm,
  confirmDisabled,
  busy,
}: {
  onConfirm?: () => void;
  typeToConfirm?: string;
  confirmDisabled?: boolean;
  busy?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Erase
      </button>
      {open && (
        <ConfirmDialog
          title="Erase this customer's data?"
          confirmLabel="Erase and fulfil"
          typeToConfirm={typeToConfirm}
          confirmDisabled={confirmDisabled}
          busy={busy}
          onConfirm={onConfirm}
          onCancel={() => setOpen(false)}
        >
          <p>Name and email address will be erased.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function open() {
  const opener = screen.getByRole("button", { name: "Erase" });
  opener.focus();
  fireEvent.click(opener);
  return { opener, dialog: screen.getByRole("dialog", { name: "Erase this customer's data?" }) };
}

describe("the confirmation dialog", () => {
  it("is a named modal dialog described by its preview, with the focus on Cancel, not on the action", () => {
    render(<Opener />);
    const { dialog } = open();
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const description = document.getElementById(dialog.getAttribute("aria-describedby") ?? "");
    expect(description?.textContent).toBe("Name and email address will be erased.");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
  });

  it("cancels on Escape and on Cancel, acting on neither, and gives the focus back", () => {
    const onConfirm = vi.fn();
    render(<Opener onConfirm={onConfirm} />);
    const first = open();
    fireEvent.keyDown(first.dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(first.opener);
    open();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("acts only once the word is typed, ignoring case and spaces around it", () => {
    const onConfirm = vi.fn();
    render(<Opener onConfirm={onConfirm} typeToConfirm="erase" />);
    open();
    const word = screen.getByLabelText("Type erase to confirm");
    expect(document.activeElement).toBe(word);
    const act = screen.getByRole("button", { name: "Erase and fulfil" }) as HTMLButtonElement;
    expect(act.disabled).toBe(true);
    fireEvent.change(word, { target: { value: "eras" } });
    fireEvent.submit(word);
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.change(word, { target: { value: " ERASE " } });
    expect(act.disabled).toBe(false);
    fireEvent.click(act);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it("keeps the action disabled while the preview is not ready, and both buttons while it runs", () => {
    const { rerender } = render(<Opener confirmDisabled />);
    open();
    const act = () => screen.getByRole("button", { name: "Erase and fulfil" }) as HTMLButtonElement;
    expect(act().disabled).toBe(true);
    rerender(<Opener busy />);
    expect(act().disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Cancel" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    // Escape does not walk away from an action under way.
    fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
    expect(screen.queryByRole("dialog")).not.toBeNull();
  });

  it("keeps Tab inside the dialog", () => {
    render(<Opener typeToConfirm="erase" />);
    open();
    const word = screen.getByLabelText("Type erase to confirm");
    const cancel = screen.getByRole("button", { name: "Cancel" });
    // The action is disabled until the word is typed: Cancel is the last stop, then the word.
    cancel.focus();
    fireEvent.keyDown(cancel, { key: "Tab" });
    expect(document.activeElement).toBe(word);
    fireEvent.keyDown(word, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(cancel);
  });
});
