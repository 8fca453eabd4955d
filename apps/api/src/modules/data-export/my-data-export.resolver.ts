import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { requireCustomer } from "../../guards/require-customer.js";
import { collectDataExport } from "./collect-data-export.js";
import { assertOwnerMayRead } from "./owner-may-read.js";

/**
 * The export as one GraphQL string, kept for API clients; it is built whole in memory, so the
 * portal downloads the streamed GET /my-data-export (export-route.ts) instead.
 */
@Resolver()
export class MyDataExportResolver {
  @Query(() => String, {
    description:
      "The signed-in customer's data export: one JSON document (as text) with everything Privet holds about them (profile, sessions and device data, cookies, cards, navigation, held records, consents and their history, the access log, privacy and support requests), with exportedAt and formatVersion. Never secrets: no password hash, token or processor token. Built whole in memory: for a long history, download GET /my-data-export instead, which streams the same document.",
  })
  async myDataExport(@Ctx() context: Context): Promise<string> {
    const customerId = requireCustomer(context);
    await assertOwnerMayRead(context, customerId);
    const document = await collectDataExport(context, customerId);
    if (!document) throw new AppError("UNAUTHENTICATED");
    return JSON.stringify(document, null, 2);
  }
}
