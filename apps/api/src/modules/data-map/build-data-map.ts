/**
 * Assembles the data map from the domain's taxonomy and purposes and the processor agreements
 * in force. Pure: the caller loads the agreements (one statement), so the map costs the same
 * whatever the number of processors.
 */
import type { ProcessorKind } from "@privet/domain/principals";
import {
  PURPOSE_DEFINITIONS,
  PURPOSES,
  type Purpose,
  purposeMayRead,
} from "@privet/domain/purposes";
import {
  CATEGORY_GROUP_LABELS,
  CATEGORY_GROUPS,
  categoriesInGroup,
  categoryLabel,
  type DataCategory,
  isNeverReadable,
} from "@privet/domain/taxonomy";
import {
  DataMapCategory,
  DataMapGroup,
  DataMapPurpose,
  DataMapRecipient,
} from "./data-map.type.js";

export interface AgreementInForce {
  readonly purposes: readonly Purpose[];
  readonly categories: readonly string[];
  readonly processor: {
    readonly name: string;
    readonly kind: ProcessorKind;
    readonly region: string;
    readonly country: string;
    readonly description: string;
  };
}

function toPurpose(purpose: Purpose): DataMapPurpose {
  const { description, basis } = PURPOSE_DEFINITIONS[purpose];
  return Object.assign(new DataMapPurpose(), { purpose, description, legalBasis: basis });
}

/**
 * The processors that receive `category`, each with the purposes of its agreements that cover
 * it. A processor with several agreements in force (a renewal overlapping the old one) is
 * listed once, with the union of their purposes.
 */
function recipientsOf(
  category: DataCategory,
  agreements: readonly AgreementInForce[],
): DataMapRecipient[] {
  const byProcessor = new Map<string, { agreement: AgreementInForce; purposes: Set<Purpose> }>();
  for (const agreement of agreements) {
    if (!agreement.categories.includes(category)) continue;
    // An agreement can list a category and purposes that cannot read it: that purpose is no
    // reason to hold it, and decide() would refuse the read anyway.
    const covering = agreement.purposes.filter((purpose) => purposeMayRead(purpose, category));
    if (covering.length === 0) continue;
    const entry = byProcessor.get(agreement.processor.name) ?? { agreement, purposes: new Set() };
    for (const purpose of covering) entry.purposes.add(purpose);
    byProcessor.set(agreement.processor.name, entry);
  }
  return [...byProcessor.values()]
    .sort((a, b) => a.agreement.processor.name.localeCompare(b.agreement.processor.name))
    .map(({ agreement: { processor }, purposes }) =>
      Object.assign(new DataMapRecipient(), {
        name: processor.name,
        kind: processor.kind,
        region: processor.region,
        country: processor.country,
        description: processor.description,
        // In the vocabulary's order, like every other list of purposes.
        purposes: PURPOSES.filter((purpose) => purposes.has(purpose)).map(toPurpose),
      }),
    );
}

function toCategory(
  category: DataCategory,
  agreements: readonly AgreementInForce[],
): DataMapCategory {
  // Credentials: decide() refuses them to everyone, so no purpose and no processor has them.
  const neverShared = isNeverReadable(category);
  return Object.assign(new DataMapCategory(), {
    key: category,
    label: categoryLabel(category),
    neverShared,
    purposes: neverShared
      ? []
      : PURPOSES.filter((purpose) => purposeMayRead(purpose, category)).map(toPurpose),
    recipients: neverShared ? [] : recipientsOf(category, agreements),
  });
}

/** Every group and category of the taxonomy, in the policy's order. */
export function buildDataMap(agreements: readonly AgreementInForce[]): DataMapGroup[] {
  return CATEGORY_GROUPS.map((group) =>
    Object.assign(new DataMapGroup(), {
      key: group,
      label: CATEGORY_GROUP_LABELS[group],
      categories: categoriesInGroup(group).map((category) => toCategory(category, agreements)),
    }),
  );
}
