/**
 * The one thing the banner stores on the embedding site: the random visitor id the API gave
 * (localStorage, one key). No cookie, nothing else. Storage that is blocked or full only
 * means the banner asks again on the next page.
 */
export const VISITOR_ID_KEY = "privet_visitor_id";

export function loadVisitorId(storage: Storage): string | null {
  try {
    return storage.getItem(VISITOR_ID_KEY);
  } catch {
    return null;
  }
}

export function keepVisitorId(storage: Storage, id: string | null): void {
  try {
    if (id) storage.setItem(VISITOR_ID_KEY, id);
    else storage.removeItem(VISITOR_ID_KEY);
  } catch {
    // Blocked storage: the choice is recorded, only not remembered here.
  }
}
