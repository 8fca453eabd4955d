import { fakeApi } from "@privet/ui/test-support/fake-client";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { refusal, sent } from "../test-support/console.js";
import { FidesDownload } from "./fides-download.js";

const YAML = "system:\n  - fides_key: privet\n";

afterEach(() => vi.restoreAllMocks());

describe("Download for Fides", () => {
  it("asks for the export only when pressed and saves it as the named YAML file", async () => {
    const blobs: Blob[] = [];
    const names: string[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return "blob:fides";
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    const api = fakeApi({
      DataMapFidesExport: () => ({
        dataMapFidesExport: {
          fileName: "privet-data-map-fides-2026-12-06.yml",
          content: YAML,
          fideslangVersion: "3.1.4a1",
        },
      }),
    });
    render(<FidesDownload />, { wrapper: api.wrapper });
    expect(sent(api, "DataMapFidesExport")).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Download for Fides" }));
    await waitFor(() => expect(names).toEqual(["privet-data-map-fides-2026-12-06.yml"]));
    expect(sent(api, "DataMapFidesExport")).toHaveLength(1);
    expect(await blobs[0]?.text()).toBe(YAML);
    expect(blobs[0]?.type).toBe("application/yaml");
  });

  it("says in words why the download failed", async () => {
    const api = fakeApi({
      DataMapFidesExport: () => {
        throw refusal("FORBIDDEN", "Only administrators and privacy officers may do this.");
      },
    });
    render(<FidesDownload />, { wrapper: api.wrapper });
    fireEvent.click(screen.getByRole("button", { name: "Download for Fides" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Only administrators and privacy officers may do this.",
    );
  });
});
