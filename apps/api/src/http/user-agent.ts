/**
 * Browser and operating system from a User-Agent header: the policy's non-personal device
 * data (P-01). Deliberately coarse — family names, no versions — because that is all the
 * policy says it collects.
 */
import { containsCardNumber } from "@privet/domain/card-number";

const BROWSERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bChrom(e|ium)\/|\bCriOS\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/\bcurl\//, "curl"],
];

const SYSTEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

function match(table: ReadonlyArray<readonly [RegExp, string]>, userAgent: string): string {
  for (const [pattern, name] of table) if (pattern.test(userAgent)) return name;
  return "Other";
}

export function parseUserAgent(userAgent: string): { browser: string; os: string } {
  return { browser: match(BROWSERS, userAgent), os: match(SYSTEMS, userAgent) };
}

const EMAIL_LIKE = /[^\s@;()]+@[^\s@;()]+\.[A-Za-z]{2,}/;

/**
 * The User-Agent as a session keeps it: a header is a string the client sends like any other,
 * so one that carries a card number or an email address (P-03) is not stored; the browser and
 * system families parsed from it are enough. Control characters are dropped and the length is
 * bounded.
 */
export function storableUserAgent(userAgent: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  const printable = userAgent.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").slice(0, 512);
  if (containsCardNumber(printable) || EMAIL_LIKE.test(printable)) return "";
  return printable;
}
