/**
 * The privacy policy: the version in force with its effective date at the top, and every
 * earlier version one link away (P-18). Policy texts render through Markdown, which marks
 * external links (P-14).
 */
import { PolicyArchiveDocument, PolicyVersionByIdDocument } from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { formatDate } from "@privet/ui/format";
import { Markdown } from "@privet/ui/markdown";
import { Link } from "@privet/ui/router";
import { Empty, ErrorNotice, Loading } from "@privet/ui/states";
import { useQuery } from "urql";

export function PolicyPage() {
  const [{ data, fetching, error }] = useQuery({ query: PolicyArchiveDocument });
  if (!data && fetching) return <Loading what="the privacy policy" />;
  if (!data)
    return (
      <ErrorNotice>{formErrorOf(error)?.message ?? "We could not load the policy."}</ErrorNotice>
    );
  const { policy, policyVersions } = data;
  if (!policy) return <Empty>No privacy policy has been published yet.</Empty>;
  return (
    <article>
      <p className="effective" data-testid="policy-effective">
        Effective {formatDate(policy.effectiveAt)} · version {policy.version}
      </p>
      <h1>{policy.title}</h1>
      <Archive versions={policyVersions} currentId={policy.id} />
      <Markdown source={policy.body} />
    </article>
  );
}

function Archive({
  versions,
  currentId,
}: {
  versions: ReadonlyArray<{
    id: string;
    version: string;
    title: string;
    effectiveAt: string;
    inForce: boolean;
    scheduled: boolean;
  }>;
  currentId: string;
}) {
  const others = versions.filter((v) => v.id !== currentId);
  if (others.length === 0) return null;
  return (
    <nav aria-labelledby="archive-title" className="archive">
      <h2 id="archive-title">Other versions</h2>
      <ul>
        {others.map((v) => (
          <li key={v.id}>
            <Link href={`/policy/${v.id}`}>
              Version {v.version} — {v.scheduled ? "takes effect" : "in force from"}{" "}
              {formatDate(v.effectiveAt)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PolicyVersionPage({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({
    query: PolicyVersionByIdDocument,
    variables: { id },
  });
  if (!data && fetching) return <Loading what="this version of the policy" />;
  const version = data?.policyVersion;
  if (!version) {
    return (
      <ErrorNotice>
        {formErrorOf(error)?.message ?? "There is no such version of the policy."}
      </ErrorNotice>
    );
  }
  return (
    <article>
      <p className="effective" data-testid="policy-effective">
        {version.inForce ? "In force" : version.scheduled ? "Takes effect" : "Was in force from"}{" "}
        {formatDate(version.effectiveAt)} · version {version.version}
      </p>
      {!version.inForce && (
        <p className="notice">
          This is {version.scheduled ? "a future" : "an earlier"} version.{" "}
          <Link href="/policy">Read the policy in force</Link>.
        </p>
      )}
      <h1>{version.title}</h1>
      <Markdown source={version.body} />
    </article>
  );
}
