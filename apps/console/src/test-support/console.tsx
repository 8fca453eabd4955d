/**
 * What the console's component tests share: pages rendered under the purpose bar as the
 * frame renders them, declaring a purpose the way staff do, and the API's errors.
 */
import type { Purpose, StaffRole } from "@privet/client";
import { type ApiError, type FakeApi, fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { type Declaration, saveDeclarations } from "../declarations.js";
import { NeedsPurpose, PurposeBar, PurposeProvider } from "../purpose.js";

type Handlers = Parameters<typeof fakeApi>[0];

export interface UnderPurpose {
  readonly role?: StaffRole;
  /** The area's natural purpose, which the bar proposes. */
  readonly natural?: Purpose;
  /** Declared before the page opens (as a reload finds it); null: nothing declared yet. */
  readonly declared?: Declaration | null;
}

/** The declaration most tests open a page under. */
export const SUPPORT_TICKET: Declaration = { purpose: "SUPPORT", ref: "T-1" };

/**
 * Render a page that reads personal data below the purpose bar, as the console's frame does
 * (the page opens once a purpose is declared). A privacy officer by default, with SUPPORT
 * (ref. T-1) already declared in the tab.
 */
export function renderUnderPurpose(
  page: ReactNode,
  handlers: Handlers,
  { role = "PRIVACY_OFFICER", natural, declared = SUPPORT_TICKET }: UnderPurpose = {},
): FakeApi {
  const api = fakeApi(handlers);
  sessionStorage.clear();
  if (declared) saveDeclarations({ "/test": declared });
  render(
    <PurposeProvider staffRole={role} scope="/test" natural={natural}>
      <PurposeBar />
      <main>
        <NeedsPurpose>{page}</NeedsPurpose>
      </main>
    </PurposeProvider>,
    { wrapper: api.wrapper },
  );
  return api;
}

/**
 * Render a page that reads nothing personal (the processors' registry, staff…) in the frame a
 * member of `role` sees it in: the purpose context is there, so what the role may run shows.
 */
export function renderAsStaff(page: ReactNode, handlers: Handlers, role: StaffRole): FakeApi {
  const api = fakeApi(handlers);
  sessionStorage.clear();
  render(
    <PurposeProvider staffRole={role} scope="/test">
      <main>{page}</main>
    </PurposeProvider>,
    { wrapper: api.wrapper },
  );
  return api;
}

/** Choose a purpose and reference in the bar and press "Declare". */
export function declarePurpose(purpose: string, ref: string): void {
  const bar = within(screen.getByRole("form", { name: "Declared purpose" }));
  fireEvent.change(bar.getByLabelText("Purpose"), { target: { value: purpose } });
  fireEvent.change(bar.getByLabelText(/Reference/), { target: { value: ref } });
  fireEvent.click(bar.getByRole("button", { name: "Declare" }));
}

/** The error the API adds beside a field the declared purpose may not read (its value: null). */
export function redacted(path: string, reason: string): ApiError {
  return {
    message: "This field is redacted.",
    path: path.split(".").map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment)),
    extensions: { code: "PRIVACY_REDACTED", reason },
  };
}

/** Throw from a handler to answer as the API does when it refuses an operation. */
export function refusal(code: string, message: string, field?: string): Error {
  return Object.assign(new Error(message), { code, field });
}

/** The variables of each operation sent under this name (a query or a mutation), in order. */
export function sent(api: FakeApi, name: string): Array<Record<string, unknown>> {
  return [...api.queries, ...api.mutations].filter((o) => o.name === name).map((o) => o.variables);
}

/**
 * The figure a caption names. (Browsers name a figure by its figcaption; the accessibility
 * library under Testing Library does not yet, so the caption is found by its text.)
 */
export function figureCaptioned(title: string): HTMLElement {
  const figure = screen.getByText(title, { selector: "figcaption" }).closest("figure");
  if (!figure) throw new Error(`no figure captioned ${title}`);
  return figure;
}

/** The numbers behind a chart, as its data table lists them: head row first. */
export function numbersOf(title: string): string[][] {
  return within(figureCaptioned(title))
    .getAllByRole("row", { hidden: true })
    .map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent ?? ""));
}

/** Choose in a picker as staff do: type part of a name, then pick the option it offers. */
export async function pick(label: string | RegExp, text: string, option: string | RegExp) {
  fireEvent.change(await screen.findByRole("combobox", { name: label }), {
    target: { value: text },
  });
  fireEvent.mouseDown(await screen.findByRole("option", { name: option }));
}
