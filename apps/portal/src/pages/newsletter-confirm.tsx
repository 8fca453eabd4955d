/**
 * The newsletter's double opt-in (P-03, P-08): the emailed link opens this page, and the
 * marketing consent is recorded only when the button is pressed. Not on opening: mail scanners
 * and link previewers fetch every link in a message, and would subscribe people who never
 * clicked.
 */
import { ConfirmNewsletterSubscriptionDocument } from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { Link } from "@privet/ui/router";
import { ErrorNotice, Notice } from "@privet/ui/states";
import { useMutation } from "urql";

export function NewsletterConfirmPage() {
  const token = new URLSearchParams(window.location.search).get("token") ?? "";
  const [result, confirm] = useMutation(ConfirmNewsletterSubscriptionDocument);
  const error = formErrorOf(result.error);
  return (
    <>
      <h1>Confirm your newsletter subscription</h1>
      {result.data?.confirmNewsletterSubscription ? (
        <Notice>
          <p data-testid="newsletter-confirmed">
            You are subscribed. Every newsletter has a link to unsubscribe in one click, no account
            needed.
          </p>
        </Notice>
      ) : !token ? (
        <ErrorNotice>
          This link is incomplete. Open the link from the email as it arrived, or{" "}
          <Link href="/contact">sign up again</Link>.
        </ErrorNotice>
      ) : (
        <>
          <p>
            Press the button to receive the Privet newsletter, once a month, at the address this
            link was sent to. Until you do, we send you nothing.
          </p>
          {error && (
            <ErrorNotice>
              {error.message} <Link href="/contact">Sign up again</Link>.
            </ErrorNotice>
          )}
          <button type="button" disabled={result.fetching} onClick={() => void confirm({ token })}>
            Confirm my subscription
          </button>
        </>
      )}
    </>
  );
}
