/**
 * Staff accounts in the console: an administrator invites a member on the Staff page, the
 * invitation arrives over SMTP with a one-time link, the link's page sets the password, and
 * the member signs in; an invitation sent again (the first link dies), an authenticator set up
 * from its QR code, a reset link an administrator sends (the new password ends the member's
 * session), and "forgot your password". Also the Staff page's screenshots (desktop and phone).
 */
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { consoleNav, consolePage, openArea, STAFF, staffSignIn } from "../support/console.js";
import { gql, uniqueEmail } from "../support/graphql.js";
import { headersOf, mailTo } from "../support/mailbox.js";
import { withTotpCode } from "../support/totp.js";
import { CONSOLE_URL } from "../support/urls.js";

const screenshots = fileURLToPath(new URL("../screenshots/", import.meta.url));

/** A text/plain body as sent: quoted-printable soft breaks and escapes undone. */
function decodedBody(raw: string): string {
  const body = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join("\n\n");
  return body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * The set-password link in the newest email to this address whose subject has `subject`, once
 * it has arrived over SMTP (and is not `previous`: a link sent again replaces an earlier one).
 */
async function linkInEmailTo(
  admin: Page,
  address: string,
  subject: string,
  previous = "",
): Promise<string> {
  let link = "";
  await expect
    .poll(
      async () => {
        // "Deliver now" as an administrator may (the API's worker also delivers every 15 s).
        await gql(
          admin.context().request,
          "mutation DeliverNow { deliverOutbox { sent } }",
          {},
          `${CONSOLE_URL}/graphql`,
        );
        const mail = await mailTo(admin.context().request, address);
        const matching = mail.filter((m) =>
          headersOf(m.raw, "Subject").some((s) => s.includes(subject)),
        );
        const newest = matching.at(-1);
        link =
          /https?:\/\/\S+\/set-password\?token=[A-Za-z0-9_-]+/.exec(
            newest ? decodedBody(newest.raw) : "",
          )?.[0] ?? "";
        return link !== "" && link !== previous;
      },
      { message: `the email "${subject}" arrived over SMTP`, timeout: 60_000 },
    )
    .toBe(true);
  return link;
}

/** The set-password link in the invitation that reached this address over SMTP. */
function invitationLinkTo(admin: Page, address: string, previous = ""): Promise<string> {
  return linkInEmailTo(admin, address, "invitation to the Privet console", previous);
}

/** Chooses a password on a link's page, in a browser of its own; returns that page. */
async function setPasswordWith(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
}

test("an administrator invites a member, who sets a password from the emailed link and signs in", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await consolePage(browser);
  await staffSignIn(admin, STAFF.administrator);
  await openArea(admin, "Staff", "Staff");

  const email = uniqueEmail("new.agent");
  const name = `Robin Ashdown ${email.slice(10, 14)}`;
  await test.step("invite a support agent", async () => {
    const form = admin.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Email address").fill(email);
    await form.getByLabel("Role").selectOption({ label: "Support agent" });
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect(admin.getByText(`Invitation emailed to ${name} (${email})`)).toBeVisible();
    const row = admin.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Invited — has not chosen a password yet");
  });

  const link = await invitationLinkTo(admin, email);
  expect(link.startsWith(`${CONSOLE_URL}/set-password?token=`)).toBe(true);

  const member = await consolePage(browser);
  await test.step("the link's page sets the password, once", async () => {
    await member.goto(link);
    await expect(
      member.getByRole("heading", { level: 1, name: "Choose your password" }),
    ).toBeVisible();
    // The token leaves the address bar once the page has read it (history, screen sharing).
    await expect(member).toHaveURL(`${CONSOLE_URL}/set-password`);
    await member.getByLabel("New password", { exact: true }).fill("robin's long console password");
    await member.getByLabel("New password again").fill("robin's long console password");
    await member.getByRole("button", { name: "Set password" }).click();
    await expect(member.getByRole("heading", { level: 1, name: "Password set" })).toBeVisible();
  });

  await test.step("the member signs in with it", async () => {
    await expect(member.getByLabel("Email address")).toHaveValue(email);
    await member.getByLabel("Password", { exact: true }).fill("robin's long console password");
    await member.getByRole("button", { name: "Sign in" }).click();
    await expect(member.getByRole("banner").getByText("Signed in as support agent")).toBeVisible();
    await expect(consoleNav(member).getByRole("link", { name: "Staff", exact: true })).toHaveCount(
      0,
    );
  });

  await test.step("the same link does not work twice", async () => {
    const other = await consolePage(browser);
    await other.goto(link);
    await other.getByLabel("New password", { exact: true }).fill("someone else's long password");
    await other.getByLabel("New password again").fill("someone else's long password");
    await other.getByRole("button", { name: "Set password" }).click();
    await expect(other.getByText("This link has expired or was already used.")).toBeVisible();
  });

  await test.step("disabled, after a confirmation naming them, the member is signed out at once", async () => {
    await admin.reload();
    const row = admin.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: `Disable ${name}` }).click();
    await expect(row).toContainText(`Disable ${name}? They are signed out at once`);
    await row.getByRole("button", { name: "Confirm" }).click();
    await expect(row).toContainText("Disabled since");
    await member.reload();
    await expect(member.getByRole("heading", { level: 1, name: "Staff sign-in" })).toBeVisible();
  });
});

// Tagged for the phone run too: the dialogs and the QR code's set-up step at phone size.
test(
  "an invitation sent again, a reset an administrator sends, and 'forgot your password'",
  {
    tag: "@screenshots",
  },
  async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const folder = testInfo.project.name === "console-mobile" ? "console-mobile" : "console";
    const admin = await consolePage(browser);
    await staffSignIn(admin, STAFF.administrator);
    await openArea(admin, "Staff", "Staff");

    const email = uniqueEmail("new.officer");
    const name = `Quinn Harrow ${email.slice(12, 16)}`;
    const row = admin.getByRole("row", { name: new RegExp(name) });
    await test.step("invite a privacy officer", async () => {
      const form = admin.getByRole("form", { name: "Invite a member" });
      await form.getByLabel("Name").fill(name);
      await form.getByLabel("Email address").fill(email);
      await form.getByLabel("Role").selectOption({ label: "Privacy officer" });
      await form.getByRole("button", { name: "Send invitation" }).click();
      await expect(row).toContainText("Invited — has not chosen a password yet");
    });
    const first = await invitationLinkTo(admin, email);

    const second =
      await test.step("resend the invitation, confirmed in a dialog naming the person and address", async () => {
        await row.getByRole("button", { name: `Resend invitation to ${name}` }).click();
        const dialog = admin.getByRole("dialog", { name: `Send ${name} a new invitation?` });
        await expect(dialog).toContainText(`An email goes to ${email}`);
        await dialog.getByRole("button", { name: "Send new invitation" }).click();
        await expect(row).toContainText(`New invitation emailed to ${email}.`);
        return invitationLinkTo(admin, email, first);
      });

    const member = await consolePage(browser);
    await test.step("the first invitation's link no longer works; the new one does", async () => {
      await setPasswordWith(member, first, "quinn's long console password");
      await expect(member.getByText("This link has expired or was already used.")).toBeVisible();
      await setPasswordWith(member, second, "quinn's long console password");
      await expect(member.getByRole("heading", { level: 1, name: "Password set" })).toBeVisible();
    });

    await test.step("signing in, the officer sets up the authenticator from a QR code", async () => {
      await member.getByLabel("Password", { exact: true }).fill("quinn's long console password");
      await member.getByRole("button", { name: "Sign in" }).click();
      await expect(
        member.getByRole("heading", { name: "Set up your authenticator app" }),
      ).toBeVisible();
      const qr = member.getByRole("img", { name: /QR code of your authenticator key/ });
      await expect(qr).toBeVisible();
      await member.screenshot({
        path: `${screenshots}${folder}/staff-authenticator-setup.png`,
        fullPage: true,
        animations: "disabled",
        caret: "hide",
      });
      const secret = ((await member.locator(".totp-secret").textContent()) ?? "").replace(
        /\s/g,
        "",
      );
      const uri = await member
        .getByRole("link", { name: "Open in an authenticator app" })
        .getAttribute("href");
      expect(uri).toContain(`secret=${secret}`);
      await withTotpCode(email, secret, async (code) => {
        await member.getByLabel("Authentication code").fill(code);
        await member.getByRole("button", { name: "Confirm and sign in" }).click();
        // The Sign out button: the banner's "Signed in as…" is in the menu on a phone.
        const signedIn = member.getByRole("button", { name: "Sign out" });
        const refused = member.getByText(/That code is not correct/);
        await expect(signedIn.or(refused)).toBeVisible();
        return (await signedIn.isVisible()) ? { refused: false, value: null } : { refused: true };
      });
    });

    await test.step("an administrator sends a reset link; the new password ends the member's session", async () => {
      await admin.reload();
      await expect(row).toContainText("Active");
      await row.getByRole("button", { name: `Send password reset to ${name}` }).click();
      const dialog = admin.getByRole("dialog", { name: `Send ${name} a password-reset link?` });
      await expect(dialog).toContainText(`An email goes to ${email}`);
      await dialog.getByRole("button", { name: "Send reset link" }).click();
      await expect(row).toContainText(`Password-reset link emailed to ${email}.`);
      const reset = await linkInEmailTo(admin, email, "Reset your Privet console password");
      // Sent, not yet used: the member is still signed in.
      await member.reload();
      await expect(member.getByRole("button", { name: "Sign out" })).toBeVisible();
      const other = await consolePage(browser);
      await setPasswordWith(other, reset, "quinn's second long password");
      await expect(other.getByRole("heading", { level: 1, name: "Password set" })).toBeVisible();
      await member.reload();
      await expect(member.getByRole("heading", { level: 1, name: "Staff sign-in" })).toBeVisible();
    });

    await test.step("'Forgot your password?' answers the same words for any address, and mails a member a link", async () => {
      const page = await consolePage(browser);
      await page.goto(`${CONSOLE_URL}/`);
      const ask = async (address: string) => {
        await page.getByRole("link", { name: "Forgot your password?" }).click();
        await expect(
          page.getByRole("heading", { level: 1, name: "Forgot your password?" }),
        ).toBeVisible();
        await page.getByLabel("Email address").fill(address);
        await page.getByRole("button", { name: "Email me a link" }).click();
        const answer = page.getByText(/If that address belongs to a staff account/);
        await expect(answer).toBeVisible();
        const words = await answer.textContent();
        await page.getByRole("link", { name: "Back to sign-in" }).click();
        return words;
      };
      const previous = await linkInEmailTo(admin, email, "Reset your Privet console password");
      const forMember = await ask(email);
      const forNobody = await ask(uniqueEmail("nobody"));
      expect(forNobody).toBe(forMember);
      const link = await linkInEmailTo(
        admin,
        email,
        "Reset your Privet console password",
        previous,
      );
      await setPasswordWith(page, link, "quinn's third long password");
      await expect(page.getByRole("heading", { level: 1, name: "Password set" })).toBeVisible();
    });

    await test.step("the member list, searched and ordered on the server", async () => {
      const members = admin.getByRole("table", { name: /^Members/ });
      await admin.getByLabel("Order").selectOption({ label: "By name" });
      // By name on the server: the e2e database (PGlite) compares names as code points.
      const names = async () =>
        (await members.locator("tbody tr strong").allTextContents()).map((n) => n.trim());
      await expect
        .poll(async () => {
          const shown = await names();
          return shown.length > 2 && shown.join("|") === [...shown].sort().join("|");
        })
        .toBe(true);
      const find = admin.getByRole("form", { name: "Find a member" });
      await find.getByLabel("Name or email address").fill(email.toUpperCase());
      await find.getByRole("button", { name: "Search" }).click();
      const found = admin.getByRole("table", {
        name: `Members matching “${email.toUpperCase()}”`,
      });
      await expect(found.locator("tbody tr")).toHaveCount(1);
      await expect(found.locator("tbody tr")).toContainText(name);
    });
  },
);

test("the Staff page", { tag: "@screenshots" }, async ({ browser }, testInfo) => {
  const page = await consolePage(browser);
  await staffSignIn(page, STAFF.administrator);
  await openArea(page, "Staff", "Staff");
  await expect(page.getByRole("row", { name: /Felix Ondara/ })).toContainText(
    "Authenticator set up",
  );
  await page.waitForLoadState("networkidle");
  const folder = testInfo.project.name === "console-mobile" ? "console-mobile" : "console";
  await page.screenshot({
    path: `${screenshots}${folder}/staff.png`,
    fullPage: true,
    animations: "disabled",
    caret: "hide",
  });
});
