import { Field, ID, ObjectType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { Customer } from "../accounts/public.js";
import { SupportRequest } from "../support/public.js";
import { LegalRequest } from "./legal-request.type.js";

/**
 * One customer a legal request names, as the disclosure shows them. Every personal field below
 * (on `customer` and `supportRequests`) is the ordinary field, decided by decide() under the
 * operation's LEGAL_OBLIGATION purpose and audited with the legal request's id: a field whose
 * category the request does not name comes back null with PRIVACY_REDACTED
 * (LEGAL_REQUEST_REQUIRED).
 */
@ObjectType()
export class LegalDisclosureSubject {
  @Classified("NON_PERSONAL")
  @Field(() => ID, { description: "The customer's id." })
  id!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Customer, { description: "The customer, read under the legal request." })
  customer!: Customer;

  @Classified("NON_PERSONAL")
  @Field(() => [SupportRequest], {
    description:
      "The messages the customer sent us, oldest first: loaded only when the request names user.content.message (otherwise empty: nothing outside the scope is read).",
  })
  supportRequests!: SupportRequest[];
}

/** A disclosure under a recorded legal request (P-11): its scope and, per subject, the data. */
@ObjectType()
export class LegalDisclosure {
  @Classified("NON_PERSONAL")
  @Field(() => LegalRequest)
  legalRequest!: LegalRequest;

  @Classified("NON_PERSONAL")
  @Field(() => [LegalDisclosureSubject], {
    description: "The customers in the request's scope (or the one asked for), by id.",
  })
  subjects!: LegalDisclosureSubject[];
}
