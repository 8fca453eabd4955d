import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";

@Resolver()
export class ContactAddressResolver {
  @Query(() => String, {
    description:
      "The address the privacy policy gives for questions (P-19): PRIVET_CONTACT_EMAIL, shown on the portal's contact page beside the form.",
  })
  contactAddress(@Ctx() context: Context): string {
    return context.config.contactEmail;
  }
}
