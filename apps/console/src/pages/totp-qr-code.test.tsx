import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { decodeRendered } from "../test-support/qr.js";
import TotpQrCode from "./totp-qr-code.js";

const URI =
  "otpauth://totp/Privet%20console:ada%40privet.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Privet%20console&algorithm=SHA1&digits=6&period=30";

describe("the authenticator key's QR code", () => {
  it("is an SVG image that decodes to the otpauth:// URI it was given", () => {
    render(<TotpQrCode uri={URI} />);
    const svg = screen.getByRole("img", { name: /QR code of your authenticator key/ });
    expect(svg.tagName.toLowerCase()).toBe("svg");
    expect(decodeRendered(svg)).toBe(URI);
  });

  it("a different key draws a different code (the URI, not a fixed picture, is encoded)", () => {
    const other = URI.replace("JBSWY3DPEHPK3PXP", "KRSXG5CTMVRXEZLU");
    render(<TotpQrCode uri={other} />);
    const svg = screen.getByRole("img", { name: /QR code/ });
    expect(decodeRendered(svg)).toBe(other);
  });
});
