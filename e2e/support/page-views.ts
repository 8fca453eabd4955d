/**
 * Watches the portal's page-view reports (the recordPageView mutation it sends on every
 * navigation) so a test can wait until each has been answered and read what the API said:
 * true when it recorded the view, false when consent did not allow it.
 */
import { expect, type Page } from "@playwright/test";

export interface PageViewWatch {
  /** The API's answers so far, in order. */
  readonly answers: boolean[];
  /** Waits until every report sent so far has its answer; returns them. */
  settled(): Promise<boolean[]>;
}

export function watchPageViews(page: Page): PageViewWatch {
  let sent = 0;
  const answers: boolean[] = [];
  const isPageView = (body: string | null) => body?.includes("recordPageView") === true;
  page.on("request", (request) => {
    if (request.url().endsWith("/graphql") && isPageView(request.postData())) sent += 1;
  });
  page.on("response", async (response) => {
    const request = response.request();
    if (!request.url().endsWith("/graphql") || !isPageView(request.postData())) return;
    const body = (await response.json().catch(() => null)) as {
      data?: { recordPageView?: boolean };
    } | null;
    answers.push(body?.data?.recordPageView === true);
  });
  return {
    answers,
    async settled() {
      await expect
        .poll(() => answers.length >= sent && sent > 0, { message: "page views answered" })
        .toBe(true);
      return [...answers];
    },
  };
}
