/**
 * P-14: linked sites have their own policies, so every link that leaves Privet is marked as
 * external (class "external", and words a screen reader says) and opens in a new tab with
 * rel="noopener noreferrer" — on the policy (every version) and the consents page.
 */
import { expect, type Page, test } from "@playwright/test";
import { gqlOk, registerCustomer } from "../support/graphql.js";
import { settled } from "../support/portal.js";

interface Anchor {
  readonly href: string;
  readonly rel: string[];
  readonly target: string;
  readonly classes: string[];
  readonly text: string;
}

/** Every link on the page whose address is on another site. */
async function linksToOtherSites(page: Page): Promise<Anchor[]> {
  const anchors = await page.locator("a[href]").evaluateAll((elements) =>
    elements.map((a) => ({
      href: (a as HTMLAnchorElement).href,
      rel: (a.getAttribute("rel") ?? "").split(/\s+/).filter(Boolean),
      target: a.getAttribute("target") ?? "",
      classes: [...a.classList],
      text: a.textContent ?? "",
    })),
  );
  const here = new URL(page.url()).origin;
  return anchors.filter(
    (a) => /^https?:$/.test(new URL(a.href).protocol) && new URL(a.href).origin !== here,
  );
}

function expectMarked(links: Anchor[], where: string) {
  for (const link of links) {
    const what = `${where}: ${link.href.slice(0, 60)}`;
    expect(link.rel, what).toEqual(expect.arrayContaining(["noopener", "noreferrer"]));
    expect(link.target, what).toBe("_blank");
    expect(link.classes, what).toContain("external");
    expect(link.text, what).toContain("(external site, opens in a new tab)");
  }
}

interface Versions {
  policyVersions: Array<{ id: string; version: string }>;
}

test("[P-14] every link to another site on the policy (all versions) and the consents page is marked and opens with noopener noreferrer", async ({
  page,
}) => {
  await registerCustomer(page.request, {}, "/graphql");
  const { policyVersions } = await gqlOk<Versions>(
    page.request,
    `{ policyVersions { id version } }`,
    {},
    "/graphql",
  );
  expect(policyVersions.length).toBeGreaterThanOrEqual(2);

  let found = 0;
  for (const path of ["/policy", ...policyVersions.map((v) => `/policy/${v.id}`), "/consents"]) {
    await page.goto(path);
    await settled(page);
    const links = await linksToOtherSites(page);
    expectMarked(links, path);
    found += links.length;
    if (path === "/consents") {
      // The advertising provider's ad settings (P-13's link out).
      expect(links.map((l) => l.href)).toContain("https://myadcenter.google.com/");
    }
  }
  // The check above ran on real links: the consents page's and the 2018 policy's Google links.
  expect(found).toBeGreaterThanOrEqual(2);
});

test("[P-14] every link to another site in a policy's text becomes a marked link", async ({
  page,
}) => {
  const { policyVersions } = await gqlOk<{
    policyVersions: Array<{ id: string; version: string }>;
  }>(page.request, `{ policyVersions { id version } }`, {}, "/graphql");
  for (const { id, version } of policyVersions) {
    const { policyVersion } = await gqlOk<{ policyVersion: { body: string } }>(
      page.request,
      `query Body($id: ID!) { policyVersion(id: $id) { body } }`,
      { id },
      "/graphql",
    );
    const inText = [...policyVersion.body.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map(
      (m) => new URL(m[1] ?? "").href,
    );
    await page.goto(`/policy/${id}`);
    await settled(page);
    const rendered = await page
      .locator(".prose a.external")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(rendered.sort(), `policy ${version}`).toEqual(inText.sort());
  }
});
