import { Field, ID, ObjectType } from "type-graphql";
import { PageInfo } from "../../pagination/page-info.type.js";
import { Classified, Personal } from "../../privacy/personal.js";
import { sealSubjectCursor } from "./partner-cursor.js";
import { subjectPseudonym } from "./subject-pseudonym.js";

/**
 * A customer as a partner sees them. Each personal field is decided on its own, per subject,
 * from the partner's agreement and the subject's consents: a field outside the agreement, or
 * under a consent the subject has not given, is null with a PRIVACY_REDACTED error. The
 * pseudonymous ID, card and navigation fields are resolved in partner-subject-fields.resolver.ts.
 * The node id is a per-processor pseudonym (subject-pseudonym.ts: reversible by the API alone,
 * so a partner's consentCheck can name the subject by it), computed from `pseudonymKey`.
 *
 * The types of the partner list use graphql-js's own property resolver (`simpleResolvers`):
 * their fields carry no TypeGraphQL middleware or role, and a page of 100 subjects resolves
 * some 700 of them, each of which TypeGraphQL would otherwise wrap in a resolver of its own.
 * Personal fields are still guarded: the guard wraps whatever resolves the field.
 */
@ObjectType({ simpleResolvers: true })
export class PartnerSubject {
  /**
   * Whose data this is, for the privacy middleware and the loaders. Deliberately not a GraphQL
   * field: the customer's internal id is the same for every processor, so handing it out would
   * let processors join their data on it.
   */
  subjectId!: string;

  /** Whose pseudonym `id` is: the processor asking, and the API's hash key. Kept off the schema. */
  pseudonymKey!: { readonly processorId: string; readonly hashKey: string };

  /**
   * Details the list's statement loaded with the page (undefined: not loaded, so the field
   * resolver loads it in a batch). Kept off the schema; the privacy guard decides each field.
   */
  loaded: { readonly cookieId?: string | null; readonly cardLast4?: string | null } = {};

  /** Computed only when asked for: a keyed hash per row is wasted on a query that omits it. */
  @Classified("NON_PERSONAL")
  @Field(() => ID, {
    description:
      "This processor's pseudonym for the customer: stable across requests for this processor, different for every other processor, and not the customer's id in Privet.",
  })
  get id(): string {
    return subjectPseudonym(
      this.pseudonymKey.processorId,
      this.subjectId,
      this.pseudonymKey.hashKey,
    );
  }

  @Classified("NON_PERSONAL")
  @Field(() => Boolean, {
    description:
      "The customer was erased: delete everything you hold about them. Listed only by partnerSubjects(changedSince:), with every other field null.",
  })
  erased = false;

  @Personal("user.name")
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Personal("user.contact.email")
  @Field(() => String, { nullable: true })
  email!: string | null;

  @Personal("user.contact.country")
  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2." })
  country!: string | null;
}

/**
 * A page view. Its fields carry no classification of their own: the list that holds them,
 * PartnerSubject.navigationEvents, is @personal(category: "user.behavior.navigation") and is
 * decided and audited once per subject.
 */
@ObjectType({ simpleResolvers: true })
export class PartnerNavigationEvent {
  @Field(() => String)
  path!: string;

  @Field(() => Date)
  occurredAt!: Date;
}

@ObjectType({ simpleResolvers: true })
export class PartnerSubjectEdge {
  /** What the cursor seals; kept off the schema. */
  sealing!: { readonly subjectId: string; readonly processorId: string; readonly hashKey: string };
  private sealed?: string;

  /**
   * Sealed only when asked for (and once): encrypting a cursor for each of 500 edges costs
   * more than the rest of the page when the client only wants the nodes.
   */
  @Classified("NON_PERSONAL")
  @Field(() => String)
  get cursor(): string {
    this.sealed ??= sealSubjectCursor(
      this.sealing.subjectId,
      this.sealing.processorId,
      this.sealing.hashKey,
    );
    return this.sealed;
  }

  @Classified("NON_PERSONAL")
  @Field(() => PartnerSubject)
  node!: PartnerSubject;
}

@ObjectType({ simpleResolvers: true })
export class PartnerSubjectConnection {
  @Classified("NON_PERSONAL")
  @Field(() => [PartnerSubjectEdge])
  edges!: PartnerSubjectEdge[];

  @Classified("NON_PERSONAL")
  @Field(() => [PartnerSubject], {
    description: "The edges' nodes, for clients that need no cursors.",
  })
  nodes!: PartnerSubject[];

  @Classified("NON_PERSONAL")
  @Field(() => Date, {
    description:
      "When this page was read. Keep the first page's as the changedSince of your next sync.",
  })
  syncedAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
