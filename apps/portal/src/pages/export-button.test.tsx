import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DATA_EXPORT_URL, ExportButton } from "./export-button.js";

describe("the data export button", () => {
  let clicked: HTMLAnchorElement[];

  beforeEach(() => {
    clicked = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    // jsdom has no object URLs.
    Object.assign(URL, {
      createObjectURL: vi.fn(() => "blob:export"),
      revokeObjectURL: vi.fn(),
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("downloads the streamed export with the session cookie and the CSRF header, under a dated name", async () => {
    const fetchMock = vi.fn(async () => new Response('{"format":"privet.data-export"}'));
    vi.stubGlobal("fetch", fetchMock);
    render(<ExportButton />);
    fireEvent.click(screen.getByRole("button", { name: "Download my data (JSON)" }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(fetchMock).toHaveBeenCalledWith(DATA_EXPORT_URL, {
      credentials: "same-origin",
      headers: { "apollo-require-preflight": "true" },
    });
    expect(DATA_EXPORT_URL).toBe("/my-data-export");
    expect(clicked[0]?.download).toMatch(/^privet-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(clicked[0]?.href).toBe("blob:export");
    expect(screen.getByRole("button", { name: "Download my data (JSON)" })).toHaveProperty(
      "disabled",
      false,
    );
  });

  it("says so in words when the API refuses, and downloads nothing", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              errors: [{ message: "Sign in first.", extensions: { code: "UNAUTHENTICATED" } }],
            }),
            { status: 401 },
          ),
      ),
    );
    render(<ExportButton />);
    fireEvent.click(screen.getByRole("button", { name: "Download my data (JSON)" }));
    expect(await screen.findByText("Please sign in to see this page.")).toBeTruthy();
    expect(clicked).toHaveLength(0);
  });

  it("says the connection failed when the API cannot be reached", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    render(<ExportButton />);
    fireEvent.click(screen.getByRole("button", { name: "Download my data (JSON)" }));
    expect(await screen.findByText(/could not reach Privet/)).toBeTruthy();
  });

  it("shows that it is working while the export downloads", async () => {
    let finish: (response: Response) => void = () => undefined;
    vi.stubGlobal(
      "fetch",
      vi.fn(
        () =>
          new Promise<Response>((resolve) => {
            finish = resolve;
          }),
      ),
    );
    render(<ExportButton />);
    fireEvent.click(screen.getByRole("button", { name: "Download my data (JSON)" }));
    const busy = await screen.findByRole("button", { name: "Preparing your data…" });
    expect(busy).toHaveProperty("disabled", true);
    finish(new Response("{}"));
    await waitFor(() => expect(clicked).toHaveLength(1));
  });
});
