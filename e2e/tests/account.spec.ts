/**
 * A customer's account basics, with the emails read as they arrive over SMTP: the address
 * verified from the link sent at sign-up, changed from a link sent to the new address (the old
 * one is told), the sessions listed and "Sign out everywhere else"; and a forgotten password
 * reset from an emailed one-time link, which ends the other sessions. Both tests run at desktop
 * and phone size (@screenshots) and save the account page's screenshots.
 */
import { fileURLToPath } from "node:url";
import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { linkIn, mailWith } from "../support/account-links.js";
import { registerCustomer, TEST_PASSWORD, uniqueEmail } from "../support/graphql.js";
import { signUp } from "../support/portal.js";
import { PORTAL_URL } from "../support/urls.js";

const screenshots = fileURLToPath(new URL("../screenshots/", import.meta.url));

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({
    path: `${screenshots}${testInfo.project.name}/${name}.png`,
    fullPage: true,
  });
}

test("@screenshots a new customer verifies their address, changes it, and signs out their other sessions", async ({
  page,
  browser,
}, testInfo) => {
  const customer = await signUp(page);
  await expect(page.getByTestId("verify-email-sent")).toContainText(
    "we will not send you marketing",
  );

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await expect(page.getByTestId("email-status")).toHaveText("Unverified");
  await shoot(page, testInfo, "account-unverified");

  // The link from the sign-up email: the token leaves the address bar, nothing happens until pressed.
  const verify = linkIn(
    await mailWith(customer.email, "Confirm your email address"),
    "/verify-email",
  );
  await page.goto(verify);
  await expect(page).toHaveURL(`${PORTAL_URL}/verify-email`);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Your email address is confirmed" }),
  ).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("email-status")).toHaveText("Verified");

  // A change of address waits for the link sent to the new one.
  const newEmail = uniqueEmail("moved");
  await page.getByText("Change my email address").click();
  await page.getByLabel("New email address").fill(newEmail);
  await page.getByLabel("Current password").first().fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `We sent a link to ${newEmail}` }),
  ).toBeVisible();
  await expect(page.getByTestId("account-email")).toHaveText(customer.email);
  const change = linkIn(
    await mailWith(newEmail, "Confirm your new email address"),
    "/verify-email",
  );
  await page.goto(change);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Your email address is changed" }),
  ).toBeVisible();
  const told = await mailWith(customer.email, "The email address of your Privet account changed");
  expect(told).not.toContain(newEmail);
  expect(told).not.toContain("token=");

  // Signed in elsewhere too: listed in words, then signed out from here.
  const elsewhere = await browser.newContext({
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  });
  try {
    const other = await elsewhere.newPage();
    await other.goto("/sign-in");
    await other.getByLabel("Email address").fill(newEmail);
    await other.getByLabel("Password").fill(TEST_PASSWORD);
    await other.locator("main").getByRole("button", { name: "Sign in" }).click();
    await expect(other.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();

    await page.goto("/account");
    await expect(page.getByTestId("account-email")).toHaveText(newEmail);
    const sessions = page.getByTestId("session");
    await expect(sessions).toHaveCount(2);
    await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
    await expect(sessions.filter({ hasText: "Safari on iOS" })).toHaveCount(1);
    await shoot(page, testInfo, "account");
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out everywhere else?" });
    await expect(dialog).toContainText("Safari on iOS");
    await shoot(page, testInfo, "account-sign-out-others");
    await dialog.getByRole("button", { name: "Sign out 1 other session" }).click();
    await expect(page.getByText("1 other session was signed out.")).toBeVisible();
    await expect(sessions).toHaveCount(1);

    await other.goto("/account");
    await expect(other.getByRole("heading", { level: 1, name: "Please sign in" })).toBeVisible();
  } finally {
    await elsewhere.close();
  }
});

test("@screenshots a forgotten password is reset from an emailed one-time link, which ends the other sessions", async ({
  page,
  browser,
}, testInfo) => {
  // The customer is signed in on another device, which the reset will sign out.
  const elsewhere = await browser.newContext();
  try {
    const customer = await registerCustomer(elsewhere.request, {}, `${PORTAL_URL}/graphql`);
    const other = await elsewhere.newPage();
    await other.goto("/account");
    await expect(other.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();

    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Reject all" }).click();
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Forgot your password?" }),
    ).toBeVisible();
    // An address without an account gets the same answer.
    await page.getByLabel("Email address").fill(uniqueEmail("nobody"));
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    const answer = (await page.locator("main p").first().textContent())?.replace(
      /\S+@\S+/,
      "<address>",
    );
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByLabel("Email address").fill(customer.email);
    await shoot(page, testInfo, "forgot-password");
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    expect(
      (await page.locator("main p").first().textContent())?.replace(/\S+@\S+/, "<address>"),
    ).toBe(answer);

    const reset = linkIn(
      await mailWith(customer.email, "Reset your Privet password"),
      "/reset-password",
    );
    await page.goto(reset);
    await expect(page).toHaveURL(`${PORTAL_URL}/reset-password`);
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(page.getByText("Use a password of at least 12 characters.")).toBeVisible();
    const newPassword = "e2e a brand new passphrase";
    await page.getByLabel("New password").fill(newPassword);
    await shoot(page, testInfo, "reset-password");
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Your password is changed" }),
    ).toBeVisible();

    // The other device is signed out; the new password signs in; the link is used up.
    await other.goto("/account");
    await expect(other.getByRole("heading", { level: 1, name: "Please sign in" })).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email address").fill(customer.email);
    await page.getByLabel("Password").fill(newPassword);
    await page.locator("main").getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();
    await page.goto(reset);
    await page.getByLabel("New password").fill("e2e another new passphrase");
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(
      page.getByText("This link has expired or was already used. Ask for a new one."),
    ).toBeVisible();
  } finally {
    await elsewhere.close();
  }
});
