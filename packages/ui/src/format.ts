/** Dates as customers read them: "25 November 2026", in their own time zone. */
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export const formatDate = (iso: string) => DATE.format(new Date(iso));
export const formatDateTime = (iso: string) => DATE_TIME.format(new Date(iso));

// Constants in words (humanize, purpose and role labels) are the domain's: @privet/domain/labels.
