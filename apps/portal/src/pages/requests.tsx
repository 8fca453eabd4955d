/** My requests: filled in once the API's privacy-request operations exist. */
import { RequireSignIn } from "./require-sign-in.js";

export function RequestsPage() {
  return (
    <RequireSignIn>
      <h1>My requests</h1>
    </RequireSignIn>
  );
}
