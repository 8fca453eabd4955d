/**
 * Words that are true (issue 14): sign-up says registering records marketing consent and how
 * to stop it (P-08); the contact page shows the address the policy gives (P-19); the
 * newsletter is double opt-in — the consent is recorded only when the emailed link is followed.
 */
import { expect, test } from "@playwright/test";
import { uniqueEmail } from "../support/graphql.js";
import { mailTo } from "../support/mailbox.js";
import { follow, purposeCard, settled, signUp } from "../support/portal.js";
import { PORTAL_URL } from "../support/urls.js";

/** A text/plain body as sent: quoted-printable soft breaks and escapes undone. */
function decodedBody(raw: string): string {
  return raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join("\n\n")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

test("[P-08] sign-up says marketing consent is recorded and how to opt out, and it is", async ({
  page,
}) => {
  await page.goto("/sign-up");
  const words = page.locator(".policy-accept");
  await expect(words).toContainText("records your consent to our marketing emails");
  await expect(words).toContainText("one-click unsubscribe link");
  await expect(words).not.toContainText("We will ask");
  await signUp(page);
  await follow(page, "My consents");
  await settled(page);
  await expect(purposeCard(page, "Marketing").locator(".status")).toHaveText(/^Allowed since /);
});

test("[P-19] the contact page shows the address the policy in force gives for questions", async ({
  page,
}) => {
  await page.goto("/policy");
  await settled(page);
  const inPolicy = await page.locator(".prose a[href^='mailto:']").first().getAttribute("href");
  expect(inPolicy).toMatch(/^mailto:\S+@\S+$/);
  await follow(page, "Contact");
  await settled(page);
  const shown = page.getByTestId("contact-address").getByRole("link");
  await expect(shown).toHaveAttribute("href", inPolicy ?? "");
  await expect(shown).toHaveText((inPolicy ?? "").replace("mailto:", ""));
});

test("[P-08] the newsletter is double opt-in: the emailed link confirms it, once", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("newsletter");
  await page.goto("/contact");
  await settled(page);
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByTestId("newsletter-pending")).toContainText("Open it and confirm");

  // The confirmation arrives over SMTP (the API delivers its outbox every 15 s).
  let link = "";
  await expect
    .poll(
      async () => {
        const mail = await mailTo(page.request, email);
        link =
          /https?:\/\/\S+\/newsletter\/confirm\?token=[A-Za-z0-9_-]+/.exec(
            mail.map((m) => decodedBody(m.raw)).join("\n"),
          )?.[0] ?? "";
        return link;
      },
      { message: "the confirmation email arrived over SMTP", timeout: 90_000 },
    )
    .not.toBe("");
  expect(link.startsWith(`${PORTAL_URL}/newsletter/confirm?token=`)).toBe(true);

  // Opened in another browser, as from a mail app: nothing happens until the button.
  const other = await browser.newContext();
  const reader = await other.newPage();
  await reader.goto(link);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(
    "Confirm your newsletter subscription",
  );
  await reader.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(reader.getByTestId("newsletter-confirmed")).toContainText("You are subscribed");

  // The link works once.
  await reader.goto(link);
  await reader.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(reader.getByText(/expired or was already used/)).toBeVisible();
  await other.close();
});
