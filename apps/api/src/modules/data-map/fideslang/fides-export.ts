/**
 * The data map as fideslang YAML, a `system` resource Fides imports (`fides push`, or the
 * Fides admin UI's YAML import): one privacy declaration per Privet purpose — its fideslang
 * data use, the data categories it may read, whose data they are, its legal basis, and the
 * processors with an agreement in force that covers it. Only keys from fideslang's published
 * taxonomy (fideslang-taxonomy.ts) are used, mapped by fides-mapping.ts.
 */

import { purposeLabel } from "@privet/domain/labels";
import { PURPOSE_DEFINITIONS, PURPOSES, type Purpose } from "@privet/domain/purposes";
import {
  ALL_CATEGORIES,
  categoryGroup,
  type DataCategory,
  isNeverReadable,
} from "@privet/domain/taxonomy";
import { stringify } from "yaml";
import type { AgreementInForce } from "../build-data-map.js";
import {
  FIDES_DATA_CATEGORY,
  FIDES_DATA_SUBJECTS,
  FIDES_DATA_USE,
  FIDES_LEGAL_BASIS,
} from "./fides-mapping.js";
import { FIDESLANG_TAXONOMY } from "./fideslang-taxonomy.js";

export interface FidesPrivacyDeclaration {
  readonly name: string;
  readonly data_use: string;
  readonly data_categories: readonly string[];
  readonly data_subjects: readonly string[];
  readonly legal_basis_for_processing: string;
  readonly data_shared_with_third_parties: boolean;
  readonly third_parties?: string;
  readonly shared_categories?: readonly string[];
}

export interface FidesSystem {
  readonly fides_key: string;
  readonly name: string;
  readonly description: string;
  readonly organization_fides_key: string;
  readonly system_type: string;
  readonly processes_personal_data: boolean;
  readonly privacy_declarations: readonly FidesPrivacyDeclaration[];
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * What a purpose declares: the categories it may read, and for sign-in also the credentials,
 * which Privet stores (as a hash) for that purpose alone though no purpose ever reads them.
 */
function categoriesOf(purpose: Purpose): readonly DataCategory[] {
  const read = PURPOSE_DEFINITIONS[purpose].categories.filter((c) => !isNeverReadable(c));
  return purpose === "SIGN_IN" ? [...read, ...ALL_CATEGORIES.filter(isNeverReadable)] : read;
}

function declarationOf(
  purpose: Purpose,
  agreements: readonly AgreementInForce[],
): FidesPrivacyDeclaration {
  const categories = categoriesOf(purpose);
  // Processors whose agreement lists this purpose and a category it may read.
  const sharing = agreements.filter(
    (a) =>
      a.purposes.includes(purpose) &&
      a.categories.some((c) => categories.includes(c as DataCategory)),
  );
  const shared = unique(
    sharing.flatMap((a) => categories.filter((c) => a.categories.includes(c))),
  ).map((c) => FIDES_DATA_CATEGORY[c]);
  const declaration: FidesPrivacyDeclaration = {
    name: purposeLabel(purpose),
    data_use: FIDES_DATA_USE[purpose],
    data_categories: unique(categories.map((c) => FIDES_DATA_CATEGORY[c])),
    data_subjects: unique(categories.flatMap((c) => FIDES_DATA_SUBJECTS[categoryGroup(c)])),
    legal_basis_for_processing: FIDES_LEGAL_BASIS[PURPOSE_DEFINITIONS[purpose].basis],
    data_shared_with_third_parties: sharing.length > 0,
  };
  if (sharing.length === 0) return declaration;
  const names = unique(sharing.map((a) => a.processor.name)).sort((a, b) => a.localeCompare(b));
  return { ...declaration, third_parties: names.join(", "), shared_categories: unique(shared) };
}

export function fidesSystem(agreements: readonly AgreementInForce[]): FidesSystem {
  return {
    fides_key: "privet",
    name: "Privet",
    description:
      "Privet's privacy and consent platform: every purpose of the privacy policy, the data it may use and the processors that receive it under an agreement in force.",
    organization_fides_key: "default_organization",
    system_type: "Service",
    processes_personal_data: true,
    privacy_declarations: PURPOSES.map((purpose) => declarationOf(purpose, agreements)),
  };
}

/** The YAML file: a comment saying what it is and from when, then the system resource. */
export function fidesYaml(agreements: readonly AgreementInForce[], now: Date): string {
  const { version, commit } = FIDESLANG_TAXONOMY.source;
  return [
    `# Privet's data map for Fides, exported ${now.toISOString()}.`,
    `# Keys from fideslang ${version} (ethyca/fideslang@${commit.slice(0, 12)}). Import: fides push <this file>.`,
    stringify({ system: [fidesSystem(agreements)] }, { lineWidth: 0 }),
  ].join("\n");
}
