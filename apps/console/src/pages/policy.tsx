/** Policy (P-18): the versions, and publishing a new one with an effective date and a material flag. */
import { ConsolePoliciesDocument, PublishPolicyVersionDocument } from "@privet/client";
import { formErrorOf, messageFor } from "@privet/ui/errors";
import { Field } from "@privet/ui/field";
import { formatDate } from "@privet/ui/format";
import { Markdown } from "@privet/ui/markdown";
import { ErrorNotice, Notice } from "@privet/ui/states";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";

export function PolicyPage() {
  const [{ data }, refetch] = useQuery({ query: ConsolePoliciesDocument });
  const [published, publish] = useMutation(PublishPolicyVersionDocument);
  const error = formErrorOf(published.error);
  // The draft lives in the form until publishing; the preview shows it as the portal will.
  const [draft, setDraft] = useState({ title: "", body: "" });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const result = await publish({
      input: {
        version: text("version"),
        title: text("title"),
        summary: text("summary") || null,
        body: text("body"),
        effectiveAt: new Date(`${text("effectiveAt")}T00:00:00Z`).toISOString(),
        material: form.get("material") === "on",
      },
    });
    if (!result.error) refetch({ requestPolicy: "network-only" });
  };
  return (
    <>
      <h1>Privacy policy</h1>
      <ul>
        {data?.policyVersions.map((v) => (
          <li key={v.id}>
            {v.version} — {v.title} — effective {formatDate(v.effectiveAt)}
            {v.inForce && " (in force)"}
            {v.scheduled && " (scheduled)"}
            {v.material && " · material"}
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        <h2>Publish a new version</h2>
        <Field label="Version" name="version" required error={messageFor(error, "version")} />
        <Field
          label="Title"
          name="title"
          required
          error={messageFor(error, "title")}
          onChange={(event) => setDraft({ ...draft, title: event.target.value })}
        />
        <Field label="Summary of changes" name="summary" error={messageFor(error, "summary")} />
        <div className="field">
          <label htmlFor="body">Text (Markdown)</label>
          <textarea
            id="body"
            name="body"
            rows={10}
            required
            onChange={(event) => setDraft({ ...draft, body: event.target.value })}
          />
        </div>
        <Field
          label="Effective date"
          name="effectiveAt"
          type="date"
          required
          error={messageFor(error, "effectiveAt")}
        />
        <label className="checkbox">
          <input type="checkbox" name="material" />{" "}
          <span>Material change: notify every customer</span>
        </label>
        {error && !["version", "title", "summary", "effectiveAt"].includes(error.field ?? "") && (
          <ErrorNotice>{error.message}</ErrorNotice>
        )}
        {published.data && (
          <Notice>
            <p>
              Published version {published.data.publishPolicyVersion.policyVersion.version};{" "}
              {published.data.publishPolicyVersion.noticesQueued} notices queued.
            </p>
          </Notice>
        )}
        {draft.body && (
          <section className="card preview" aria-labelledby="preview-title">
            <h3 id="preview-title">Preview, as customers will see it</h3>
            <h1>{draft.title}</h1>
            <Markdown source={draft.body} />
          </section>
        )}
        <button type="submit" disabled={published.fetching}>
          Publish
        </button>
      </form>
    </>
  );
}
