/**
 * The authenticator key as a QR code of its otpauth:// URI, for a phone's camera: an SVG of
 * one path, drawn from uqr's module matrix (MIT, no dependencies). Loaded lazily by the
 * sign-in page's enrolment step, so the encoder is not in the console's initial bundle.
 */
import { encode } from "uqr";

/** The matrix's dark modules as one SVG path: a unit square each, rows run together. */
export function qrPath(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    });
  });
  return parts.join("");
}

export default function TotpQrCode({ uri }: { readonly uri: string }) {
  // Medium error correction, and the four-module quiet zone the standard asks for.
  const { data, size } = encode(uri, { ecc: "M", border: 4 });
  return (
    <svg
      className="totp-qr"
      role="img"
      aria-label="QR code of your authenticator key: scan it with the app"
      viewBox={`0 0 ${size} ${size}`}
      width={size * 4}
      height={size * 4}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={qrPath(data)} fill="#000" />
    </svg>
  );
}
