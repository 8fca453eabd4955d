/**
 * Staff accounts in the console: an administrator invites a member on the Staff page, the
 * invitation arrives over SMTP with a one-time link, the link's page sets the password, and
 * the member signs in. Also the Staff page's screenshots (desktop and phone).
 */
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { consoleNav, consolePage, openArea, STAFF, staffSignIn } from "../support/console.js";
import { gql, uniqueEmail } from "../support/graphql.js";
import { headersOf, mailTo } from "../support/mailbox.js";
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

/** The set-password link in the invitation that reached this address over SMTP. */
async function invitationLinkTo(admin: Page, address: string): Promise<string> {
  // "Deliver now" as an administrator may (the API's worker also delivers every 15 s).
  await gql(
    admin.context().request,
    "mutation DeliverNow { deliverOutbox { sent } }",
    {},
    `${CONSOLE_URL}/graphql`,
  );
  let link = "";
  await expect
    .poll(
      async () => {
        const mail = await mailTo(admin.context().request, address);
        const invitation = mail.find((m) =>
          headersOf(m.raw, "Subject").some((s) => s.includes("invitation to the Privet console")),
        );
        link =
          /https?:\/\/\S+\/set-password\?token=[A-Za-z0-9_-]+/.exec(
            invitation ? decodedBody(invitation.raw) : "",
          )?.[0] ?? "";
        return link !== "";
      },
      { message: "the invitation arrived over SMTP", timeout: 60_000 },
    )
    .toBe(true);
  return link;
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
