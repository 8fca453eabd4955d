import jsQR from "jsqr";

/** Reads the rendered SVG back into pixels, as a camera would see it, and decodes them. */
export function decodeRendered(svg: Element): string | null {
  const size = Number(svg.getAttribute("viewBox")?.split(" ")[2]);
  const d = svg.querySelector("path")?.getAttribute("d") ?? "";
  const dark = new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));
  const scale = 4;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      const on = dark.has(`${Math.floor(px / scale)},${Math.floor(py / scale)}`);
      const i = (py * width + px) * 4;
      pixels.set(on ? [0, 0, 0, 255] : [255, 255, 255, 255], i);
    }
  }
  return jsQR(pixels, width, width)?.data ?? null;
}
