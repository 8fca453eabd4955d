/** The account pages, loaded together as one chunk when one of them is first opened (app.tsx). */
export { AccountPage } from "./account.js";
export { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from "./account-links.js";
