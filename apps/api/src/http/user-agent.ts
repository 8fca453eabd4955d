/**
 * Browser and operating system from a User-Agent header: the policy's non-personal device
 * data (P-01). Deliberately coarse — family names, no versions — because that is all the
 * policy says it collects.
 */
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
