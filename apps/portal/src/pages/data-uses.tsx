/**
 * For a group of categories on "My data": what they are used for, and which processors
 * receive them, where they hold them and why (P-07) — from the API's data map, the same
 * registry and agreements that decide what partners can read.
 */
import { DataMapDocument, type DataMapQuery, MyConsentStatesDocument } from "@privet/client";
import { inWords, processorKindLabel, purposeLabel } from "@privet/domain/labels";
import type { DataCategory } from "@privet/domain/taxonomy";
import { useQuery } from "urql";

type Category = DataMapQuery["dataMap"][number]["categories"][number];

export function DataUses({ categories }: { categories: readonly DataCategory[] }) {
  const [{ data }] = useQuery({ query: DataMapDocument });
  if (!data) return null;
  const found = data.dataMap
    .flatMap((group) => group.categories)
    .filter((c) => (categories as readonly string[]).includes(c.key));
  if (found.length === 0) return null;
  return (
    <details className="uses" open>
      <summary>How we use this and who receives it</summary>
      <ul>
        {found.map((category) => (
          <CategoryUses key={category.key} category={category} />
        ))}
      </ul>
    </details>
  );
}

function CategoryUses({ category }: { category: Category }) {
  return (
    <li data-category={category.key}>
      <strong>{category.label}</strong>
      {category.neverShared ? (
        <span> — never shown to anyone and never shared.</span>
      ) : (
        <>
          <span>
            {" "}
            — used for{" "}
            {category.purposes.map((p) => inWords(purposeLabel(p.purpose))).join(", ") || "nothing"}
            .
          </span>
          {category.recipients.length === 0 ? (
            <span> Not shared with any processor.</span>
          ) : (
            <ul className="recipients">
              {category.recipients.map((recipient) => (
                <li key={recipient.name} data-processor={recipient.name}>
                  Shared with <strong>{recipient.name}</strong> (
                  {inWords(processorKindLabel(recipient.kind))}), which holds it in{" "}
                  {recipient.region}, for{" "}
                  {recipient.purposes.map((p) => inWords(purposeLabel(p.purpose))).join(", ")}.
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </li>
  );
}

/**
 * Every processor that receives any of the customer's data: who, what, where and why. One that
 * works only on consent says whether this customer's consent lets it receive their data now.
 */
export function Recipients() {
  const [{ data }] = useQuery({ query: DataMapDocument });
  const [{ data: mine }] = useQuery({ query: MyConsentStatesDocument });
  if (!data) return null;
  const given = new Set<string>(
    mine?.myConsents.filter((c) => c.state === "GIVEN").map((c) => c.purpose) ?? [],
  );
  const byName = new Map<
    string,
    { recipient: Category["recipients"][number]; categories: string[] }
  >();
  for (const category of data.dataMap.flatMap((group) => group.categories)) {
    for (const recipient of category.recipients) {
      const entry = byName.get(recipient.name) ?? { recipient, categories: [] };
      entry.categories.push(category.label);
      byName.set(recipient.name, entry);
    }
  }
  return (
    <section className="data-group" aria-labelledby="recipients-title">
      <h2 id="recipients-title">Where your data goes</h2>
      {byName.size === 0 ? (
        <p>We do not share your data with any processor.</p>
      ) : (
        <ul className="cards">
          {[...byName.values()].map(({ recipient, categories }) => (
            <li key={recipient.name} className="card" data-processor={recipient.name}>
              <h3>{recipient.name}</h3>
              <p>
                {processorKindLabel(recipient.kind)} · holds data in{" "}
                <strong>{recipient.region}</strong>
              </p>
              <p>{recipient.description}</p>
              <p>
                <strong>Why:</strong> {recipient.purposes.map((p) => p.description).join(" ")}
              </p>
              {recipient.purposes.every((p) => p.legalBasis === "CONSENT") && mine && (
                <ConsentNote allowed={recipient.purposes.some((p) => given.has(p.purpose))} />
              )}
              <p>
                <strong>What:</strong> {categories.join(", ")}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Whether a consent-based processor receives this customer's data now, and why. */
function ConsentNote({ allowed }: { allowed: boolean }) {
  return (
    <p data-consent={allowed ? "given" : "not-given"}>
      {allowed
        ? "You allow this in your consents, so it receives your data while you do."
        : "You have not allowed this in your consents, so it receives none of your data."}
    </p>
  );
}
