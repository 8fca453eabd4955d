import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BarChart, LineChart } from "./charts.js";
import { figureCaptioned, numbersOf } from "./test-support/console.js";

describe("the line chart", () => {
  const percent = (y: number) => `${Math.round(y * 100)}%`;

  it("is a figure captioned by its title, with a picture named the same", () => {
    render(
      <LineChart
        title="Consent given"
        max={1}
        format={percent}
        series={[{ label: "Marketing", points: [{ x: "Oct", y: 0.5 }] }]}
      />,
    );
    const figure = figureCaptioned("Consent given");
    expect(within(figure).getByRole("img", { name: "Consent given" })).toBeTruthy();
  });

  it("puts every number it draws in a table, formatted, one row per series", () => {
    render(
      <LineChart
        title="Consent given"
        max={1}
        format={percent}
        series={[
          {
            label: "Marketing",
            points: [
              { x: "Oct", y: 0.5 },
              { x: "Nov", y: 0.625 },
            ],
          },
          {
            label: "Personalisation",
            points: [
              { x: "Oct", y: 0.1 },
              { x: "Nov", y: 0 },
            ],
          },
        ]}
      />,
    );
    expect(numbersOf("Consent given")).toEqual([
      ["", "Oct", "Nov"],
      ["Marketing", "50%", "63%"],
      ["Personalisation", "10%", "0%"],
    ]);
    const figure = figureCaptioned("Consent given");
    expect(within(figure).getByText("The numbers").tagName).toBe("SUMMARY");
    // One line per series, with as many points as the series has.
    const lines = figure.querySelectorAll("polyline");
    expect([...lines].map((line) => line.getAttribute("points")?.split(" ").length)).toEqual([
      2, 2,
    ]);
  });

  it("draws a higher value higher", () => {
    render(
      <LineChart
        title="Rates"
        max={1}
        format={percent}
        series={[
          {
            label: "Marketing",
            points: [
              { x: "Oct", y: 0.2 },
              { x: "Nov", y: 0.8 },
            ],
          },
        ]}
      />,
    );
    const points = figureCaptioned("Rates")
      .querySelector("polyline")
      ?.getAttribute("points")
      ?.split(" ")
      .map((p) => Number(p.split(",")[1]));
    // SVG's y grows downwards.
    expect(points?.[1]).toBeLessThan(points?.[0] ?? 0);
  });
});

describe("the bar chart", () => {
  it("lists each row's parts in a table and beside the bar", () => {
    render(
      <BarChart
        title="Open requests"
        parts={["on time", "overdue"]}
        rows={[
          { label: "week of 23 Nov", values: [3, 2] },
          { label: "week of 30 Nov", values: [4, 0] },
        ]}
      />,
    );
    expect(numbersOf("Open requests")).toEqual([
      ["", "on time", "overdue"],
      ["week of 23 Nov", "3", "2"],
      ["week of 30 Nov", "4", "0"],
    ]);
    const picture = screen.getByRole("img", { name: "Open requests" });
    expect(within(picture).getByText("3 / 2")).toBeTruthy();
    expect(within(picture).getByTitle("overdue: 2")).toBeTruthy();
  });

  it("sizes bars against the longest row", () => {
    render(
      <BarChart
        title="Reads"
        parts={["allowed", "refused"]}
        rows={[
          { label: "Support", values: [6, 2] },
          { label: "Payment", values: [2, 0] },
        ]}
      />,
    );
    const picture = screen.getByRole("img", { name: "Reads" });
    expect(within(picture).getByTitle("allowed: 6").style.width).toBe("75%");
    expect(within(picture).getByTitle("refused: 2").style.width).toBe("25%");
    expect(within(picture).getByTitle("allowed: 2").style.width).toBe("25%");
  });

  it("says there is nothing to show rather than drawing an empty picture", () => {
    render(<BarChart title="Reads" parts={["allowed", "refused"]} rows={[]} />);
    const figure = figureCaptioned("Reads");
    expect(within(figure).getByText("Nothing to show yet.")).toBeTruthy();
    expect(within(figure).queryByRole("img")).toBeNull();
  });
});
