/**
 * Policy (P-18): the versions; drafts saved on the server, reopened, previewed and published or
 * discarded; publishing a new version with an effective date and a material flag.
 */
import { ConsolePoliciesDocument, PolicyDraftDocument, PolicyDraftsDocument } from "@privet/client";
import { formErrorOf } from "@privet/ui/errors";
import { formatDate } from "@privet/ui/format";
import { ErrorNotice } from "@privet/ui/states";
import { useState } from "react";
import { useClient, useQuery } from "urql";
import { PolicyDraftList } from "./policy-drafts.js";
import { type OpenedDraft, PolicyVersionForm } from "./policy-version-form.js";

export function PolicyPage() {
  const client = useClient();
  const [{ data }, refetchVersions] = useQuery({ query: ConsolePoliciesDocument });
  const [drafts, refetchDrafts] = useQuery({ query: PolicyDraftsDocument });
  // The draft loaded into the form; `formKey` remounts the form when another one is opened.
  const [opened, setOpened] = useState<OpenedDraft | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);

  const open = async (id: string) => {
    const result = await client.query(PolicyDraftDocument, { id }).toPromise();
    const draft = result.data?.policyDraft;
    if (!draft) {
      setOpenError(formErrorOf(result.error)?.message ?? "Could not open the draft.");
      refetchDrafts({ requestPolicy: "network-only" });
      return;
    }
    setOpenError(null);
    setOpened(draft);
    setOpenId(draft.id);
    setFormKey((key) => key + 1);
  };

  const changed = (draftId: string | null) => {
    setOpenId(draftId);
    refetchDrafts({ requestPolicy: "network-only" });
    // None open: published (a new version to list) or discarded.
    if (draftId === null) refetchVersions({ requestPolicy: "network-only" });
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
      {drafts.error && !drafts.data && (
        <ErrorNotice>{formErrorOf(drafts.error)?.message}</ErrorNotice>
      )}
      {drafts.data && (
        <PolicyDraftList drafts={drafts.data.policyDrafts} openId={openId} onOpen={open} />
      )}
      {openError && <ErrorNotice>{openError}</ErrorNotice>}
      <PolicyVersionForm key={formKey} draft={opened} onChange={changed} />
    </>
  );
}
