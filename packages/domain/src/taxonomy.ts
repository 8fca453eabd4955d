/**
 * The data-category taxonomy: every kind of data Privet holds about a person, as a dotted
 * key (fideslang-style), grouped the way the privacy policy groups it. Every GraphQL field
 * that returns data about a person names one of these keys.
 */

/** The policy's groups, in the order the policy introduces them. */
export const CATEGORY_GROUPS = [
  "device",
  "personal",
  "advertising",
  "customer_held",
  "credentials",
] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];

export const CATEGORY_GROUP_LABELS: Readonly<Record<CategoryGroup, string>> = {
  device: "Non-personal device data",
  personal: "Personal information",
  advertising: "Advertising information",
  customer_held: "Information you hold about other individuals",
  credentials: "Credentials",
};

interface CategoryDefinition {
  readonly group: CategoryGroup;
  readonly label: string;
  /** Credentials are stored but never returned by any API, to anyone, for any purpose. */
  readonly neverReadable?: true;
}

/** Keyed by the dotted category key; the single source of truth for the taxonomy. */
export const CATEGORIES = {
  "user.device.ip_address": { group: "device", label: "IP address" },
  "user.device.browser": { group: "device", label: "Browser" },
  "user.device.os": { group: "device", label: "Operating system" },
  "user.device.cookie_id": { group: "device", label: "Cookie ID" },

  "user.name": { group: "personal", label: "Name" },
  "user.contact.email": { group: "personal", label: "Email address" },
  "user.contact.country": { group: "personal", label: "Country" },
  "user.financial.card.brand": { group: "personal", label: "Payment card brand" },
  "user.financial.card.last4": { group: "personal", label: "Payment card last four digits" },
  "user.financial.card.expiry": { group: "personal", label: "Payment card expiry" },
  "user.financial.card.token": { group: "personal", label: "Payment processor token" },
  // Free text between a person and us: their support questions and our replies, the details
  // of their privacy requests, the emails we send them. It can say anything about them. Not
  // "Messages you sent us": our replies and emails are in it too.
  "user.content.message": {
    group: "personal",
    label: "Messages between you and us (questions, privacy requests, our replies)",
  },

  "user.behavior.navigation": { group: "advertising", label: "Navigation events" },

  "user.held.other_individuals": {
    group: "customer_held",
    label: "Records you hold about other individuals",
  },

  "user.credentials.password": { group: "credentials", label: "Password", neverReadable: true },
} as const satisfies Record<string, CategoryDefinition>;

export type DataCategory = keyof typeof CATEGORIES;

export const ALL_CATEGORIES = Object.keys(CATEGORIES) as readonly DataCategory[];

export function isDataCategory(key: string): key is DataCategory {
  return Object.hasOwn(CATEGORIES, key);
}

export function categoryGroup(category: DataCategory): CategoryGroup {
  return CATEGORIES[category].group;
}

export function categoryLabel(category: DataCategory): string {
  return CATEGORIES[category].label;
}

export function isNeverReadable(category: DataCategory): boolean {
  return "neverReadable" in CATEGORIES[category];
}

export function categoriesInGroup(group: CategoryGroup): readonly DataCategory[] {
  return ALL_CATEGORIES.filter((category) => CATEGORIES[category].group === group);
}

/**
 * What an access log entry names as read: a category of the taxonomy, or "consent.choice" (a
 * partner checking a consent state, recorded as evidence though not data about a person).
 */
export const CONSENT_CHOICE_READ = "consent.choice";

/** A read category in words, for the person whose data it is. */
export function readCategoryLabel(key: string): string {
  if (isDataCategory(key)) return categoryLabel(key);
  if (key === CONSENT_CHOICE_READ) return "Your consent choices (a partner checked them)";
  return "Other information";
}
