/** Webhook events and delivery states in the console's words. */
const EVENTS: Record<string, string> = {
  "consent.given": "Consent given",
  "consent.withdrawn": "Consent withdrawn",
  "subject.erased": "Person erased",
  "subject.corrected": "Person's data corrected",
  "agreement.lapsing": "Agreement about to lapse",
  "agreement.lapsed": "Agreement lapsed",
  "api_key.revoked": "API key revoked",
};

export function eventInWords(type: string): string {
  return EVENTS[type] ?? type;
}

const STATUSES: Record<string, string> = {
  PENDING: "Waiting",
  DELIVERED: "Delivered",
  FAILED: "Failed",
};

export function deliveryStatusInWords(status: string, attempts: number): string {
  if (status === "PENDING" && attempts > 0) return "Retrying";
  return STATUSES[status] ?? status;
}
