import { Link } from "@privet/ui/router";
import { useSession } from "../session.js";

export function HomePage() {
  const { me } = useSession();
  return (
    <>
      <h1>{me?.name ? `Hello, ${me.name}` : "Your data, your choices"}</h1>
      <p>
        Privet shows you everything we hold about you, who has looked at it and why, and lets you
        decide what we may do with it.
      </p>
      {me ? (
        <ul className="cards links">
          <li className="card">
            <Link href="/my-data">My data</Link>
            <p>What we hold, why, and who receives it.</p>
          </li>
          <li className="card">
            <Link href="/consents">My consents</Link>
            <p>Allow or withdraw, with the full history.</p>
          </li>
          <li className="card">
            <Link href="/access-log">Who accessed my data</Link>
            <p>Every read by our staff or partners.</p>
          </li>
          <li className="card">
            <Link href="/requests">My requests</Link>
            <p>A copy of your data, deletion, correction, stop sharing.</p>
          </li>
        </ul>
      ) : (
        <p>
          <Link href="/sign-up" className="button">
            Create an account
          </Link>{" "}
          <Link href="/sign-in" className="button secondary">
            Sign in
          </Link>
        </p>
      )}
      <p>
        Read our <Link href="/policy">privacy policy</Link> or{" "}
        <Link href="/contact">ask us a question</Link>.
      </p>
    </>
  );
}
