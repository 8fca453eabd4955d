/**
 * A disclosure under a recorded legal request (P-11). The operation must declare
 * `@purpose(name: LEGAL_OBLIGATION, ref: "<the request's id or reference>")`: the privacy gate
 * then loads that same request and decide() allows exactly the subjects and categories it
 * names, so every disclosed field goes through the one enforcement point and is audited with
 * the request's id (AccessRecord.legalRequestId). Before anything is read, this resolver
 * refuses a disclosure that cites no request, another request, an unknown or closed one, or a
 * customer outside it.
 */
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { CUSTOMER_COLUMNS, toCustomer } from "../accounts/public.js";
import { toSupportRequest } from "../support/public.js";
import { LegalDisclosure, LegalDisclosureSubject } from "./legal-disclosure.type.js";
import { LEGAL_REQUEST_INCLUDE, toLegalRequest } from "./legal-request.type.js";

/** Enough for any one person's messages; a disclosure is bounded by its scope, not paginated. */
const MAX_SUPPORT_REQUESTS = 5000;

@Resolver()
export class LegalDisclosureResolver {
  @Authorized()
  @Query(() => LegalDisclosure, {
    description:
      'Privacy officer: the disclosure a recorded legal request allows (P-11). Declare `@purpose(name: LEGAL_OBLIGATION, ref: "<request id or reference>")`; every field is decided and audited under that request, and fields outside its scope are redacted (LEGAL_REQUEST_REQUIRED).',
  })
  async legalDisclosure(
    @Arg("legalRequestId", () => ID) idInput: string,
    @Arg("subjectId", () => ID, {
      nullable: true,
      description: "Only this customer (who must be in the request's scope).",
    })
    subjectInput: string | null,
    @Ctx() context: Context,
  ): Promise<LegalDisclosure> {
    const id = validateId("legalRequestId", idInput);
    const only = subjectInput ? validateId("subjectId", subjectInput) : null;
    const { prisma } = context;
    const row = await prisma.legalRequest.findUnique({
      where: { id },
      include: LEGAL_REQUEST_INCLUDE,
    });
    if (!row) throw new AppError("NOT_FOUND", "This legal request could not be found.");
    if (row.status === "CLOSED") {
      throw new AppError("FORBIDDEN", "This legal request is closed: it opens no disclosure.");
    }
    await requireCitation(context, row);
    const scope = row.subjects.map((subject) => subject.customerId);
    if (only && !scope.includes(only)) {
      throw new AppError("FORBIDDEN", "This customer is outside the legal request's scope.", {
        field: "subjectId",
      });
    }
    const subjectIds = only ? [only] : scope;
    // Erased customers stay: erasure keeps what an open request covers, for this disclosure.
    const [customers, messages] = await Promise.all([
      prisma.customer.findMany({
        where: { id: { in: subjectIds } },
        select: CUSTOMER_COLUMNS,
        orderBy: { id: "asc" },
      }),
      row.categories.includes("user.content.message")
        ? prisma.supportRequest.findMany({
            where: { customerId: { in: subjectIds } },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            take: MAX_SUPPORT_REQUESTS,
          })
        : [],
    ]);
    return Object.assign(new LegalDisclosure(), {
      legalRequest: toLegalRequest(row),
      subjects: customers.map((customer) =>
        Object.assign(new LegalDisclosureSubject(), {
          id: customer.id,
          customer: toCustomer(customer),
          supportRequests: messages
            .filter((message) => message.customerId === customer.id)
            .map(toSupportRequest),
        }),
      ),
    });
  }
}

/**
 * The operation must declare LEGAL_OBLIGATION citing this request: by id, or by its reference
 * when no other request that is not closed shares it (the gate would find no scope then).
 */
async function requireCitation(
  context: Context,
  request: { id: string; reference: string },
): Promise<void> {
  const purpose = context.operation.purpose;
  // In words: the console declares the purpose for the person; an API client reads the schema.
  const expected = `Declare the purpose “Legal obligation” citing this request (its reference "${request.reference}") to produce its disclosure.`;
  if (!purpose) throw new AppError("PURPOSE_REQUIRED", expected);
  if (purpose.name !== "LEGAL_OBLIGATION") {
    throw new AppError(
      "FORBIDDEN",
      `A disclosure is made only for a legal obligation. ${expected}`,
    );
  }
  // Compared exactly as the privacy gate finds the request (decision-input-queries.ts).
  const ref = purpose.ref ?? "";
  if (ref.toLowerCase() === request.id) return;
  if (ref === request.reference) {
    const sharing = await context.prisma.legalRequest.count({
      where: { reference: ref, status: { not: "CLOSED" } },
    });
    if (sharing === 1) return;
    throw new AppError(
      "FORBIDDEN",
      "Several open legal requests share this reference, so it does not say which one: cite the request itself (the console's “Produce disclosure” button does).",
    );
  }
  throw new AppError("FORBIDDEN", `The purpose declared cites another legal request. ${expected}`);
}
