import type { Purpose, StaffRole } from "@privet/client";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetDeclarations, saveDeclarations } from "./declarations.js";
import { NeedsPurpose, PurposeBar, PurposeProvider, usePurpose } from "./purpose.js";

/** A page that shows the declaration it reads under. */
function ReadsUnder() {
  const { purpose, ref } = usePurpose();
  return <output aria-label="read under">{`${purpose}|${ref}`}</output>;
}

function frame(role: StaffRole, scope: string, natural?: Purpose) {
  return render(
    <PurposeProvider staffRole={role} scope={scope} natural={natural}>
      <PurposeBar />
      <NeedsPurpose>
        <ReadsUnder />
      </NeedsPurpose>
    </PurposeProvider>,
  );
}

const bar = () => within(screen.getByRole("form", { name: "Declared purpose" }));
const offered = () =>
  bar()
    .getAllByRole("option")
    .map((o) => o.textContent);

function declare(ref: string, purpose?: Purpose) {
  if (purpose) fireEvent.change(bar().getByLabelText("Purpose"), { target: { value: purpose } });
  fireEvent.change(bar().getByLabelText(/Reference/), { target: { value: ref } });
  fireEvent.click(bar().getByRole("button", { name: "Declare" }));
}

const readUnder = () => screen.queryByRole("status", { name: "read under" })?.textContent;

beforeEach(() => sessionStorage.clear());

describe("the purpose bar", () => {
  it("declares nothing until the member does: the page says so and reads nothing", () => {
    frame("PRIVACY_OFFICER", "/requests", "PRIVACY_REQUEST_HANDLING");
    expect(screen.getByRole("heading", { name: "Declare a purpose first" })).toBeTruthy();
    expect(readUnder()).toBeUndefined();
    expect(bar().getByText(/Nothing declared here/)).toBeTruthy();
  });

  it("offers only what the role may declare, proposing the area's own purpose", () => {
    frame("PRIVACY_OFFICER", "/requests", "PRIVACY_REQUEST_HANDLING");
    expect(offered()).toEqual([
      "Handling a privacy request (this area's purpose)",
      "Support",
      "Legal obligation",
      "Breach response",
      "Service announcements",
      "Marketing",
    ]);
    expect((bar().getByLabelText("Purpose") as HTMLSelectElement).value).toBe(
      "PRIVACY_REQUEST_HANDLING",
    );
    cleanup();
    frame("SUPPORT_AGENT", "/support", "SUPPORT");
    expect(offered()).toEqual(["Support (this area's purpose)"]);
    cleanup();
    // A security officer on the customers page: SUPPORT is not theirs, so nothing is guessed.
    frame("SECURITY_OFFICER", "/customers", "SUPPORT");
    expect(offered()).toEqual(["Choose a purpose", "Malfunction investigation", "Breach response"]);
  });

  it("tells a role with no purpose to declare that nothing is read, and where its work is", () => {
    frame("AUDITOR", "/customers", "SUPPORT");
    expect(screen.getByText(/there is no purpose to declare/)).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Declared purpose" })).toBeNull();
    const page = within(screen.getByRole("region", { name: "No purpose declared" }));
    expect(page.getByText(/may not declare a purpose to read it, so nothing is read/)).toBeTruthy();
    expect(page.getByRole("link", { name: "audit log" }).getAttribute("href")).toBe("/audit");
    expect(readUnder()).toBeUndefined();
  });

  it("requires a reference, and a purpose where none is proposed", () => {
    frame("SECURITY_OFFICER", "/customers", "SUPPORT");
    declare("INC-7");
    expect(screen.getByRole("alert").textContent).toMatch(/Choose the purpose/);
    declare("  ", "BREACH_RESPONSE");
    expect(screen.getByRole("alert").textContent).toMatch(/Give the reference/);
    expect(readUnder()).toBeUndefined();
    declare("INC-7", "BREACH_RESPONSE");
    expect(readUnder()).toBe("BREACH_RESPONSE|INC-7");
  });

  it("lasts for the tab: a reload keeps it; another area has its own; signing out forgets", () => {
    frame("PRIVACY_OFFICER", "/breaches", "BREACH_RESPONSE");
    declare("INC-2026-04");
    cleanup();
    frame("PRIVACY_OFFICER", "/breaches", "BREACH_RESPONSE");
    expect(readUnder()).toBe("BREACH_RESPONSE|INC-2026-04");
    expect(bar().getByText(/Reading under/).textContent).toContain("(ref. INC-2026-04)");
    cleanup();
    // Issuing a key is not breach work: the incident's reference does not follow the member.
    frame("PRIVACY_OFFICER", "/processors");
    expect(readUnder()).toBeUndefined();
    expect((bar().getByLabelText(/Reference/) as HTMLInputElement).value).toBe("");
    cleanup();
    forgetDeclarations();
    frame("PRIVACY_OFFICER", "/breaches", "BREACH_RESPONSE");
    expect(readUnder()).toBeUndefined();
  });

  it("proposes, never applies, the reference last declared for the same purpose elsewhere", () => {
    frame("SUPPORT_AGENT", "/support", "SUPPORT");
    declare("T-77");
    cleanup();
    frame("SUPPORT_AGENT", "/customers", "SUPPORT");
    expect(readUnder()).toBeUndefined();
    expect((bar().getByLabelText(/Reference/) as HTMLInputElement).value).toBe("T-77");
    expect(bar().getByText(/check it fits/)).toBeTruthy();
    fireEvent.click(bar().getByRole("button", { name: "Declare" }));
    expect(readUnder()).toBe("SUPPORT|T-77");
  });

  it("drops a stored declaration the role may not make", () => {
    saveDeclarations({ "/support": { purpose: "MARKETING", ref: "C-1" } });
    frame("SUPPORT_AGENT", "/support", "SUPPORT");
    expect(readUnder()).toBeUndefined();
  });

  it("declaring again never re-reads the open page; the member may ask to", () => {
    frame("PRIVACY_OFFICER", "/customers", "SUPPORT");
    declare("T-1");
    expect(readUnder()).toBe("SUPPORT|T-1");
    declare("T-2");
    expect(readUnder()).toBe("SUPPORT|T-1");
    expect(screen.getByText(/Shown as read under support \(ref\. T-1\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /Read this page again/ }));
    expect(readUnder()).toBe("SUPPORT|T-2");
  });
});
