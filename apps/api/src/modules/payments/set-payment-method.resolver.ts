import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { PaymentMethodInput } from "./payment-method.input.js";
import { PaymentMethod, toPaymentMethod } from "./payment-method.type.js";
import { validatePaymentMethod } from "./payment-method-validation.js";

@Resolver()
export class SetPaymentMethodResolver {
  @Mutation(() => PaymentMethod, {
    description:
      "Sets the signed-in customer's card, replacing the current one (P-03). Send the processor's token, brand, last four digits and expiry; an input holding a full card number is refused with CARD_NUMBER_REJECTED and nothing is stored.",
  })
  async setPaymentMethod(
    @Arg("input", () => PaymentMethodInput) input: PaymentMethodInput,
    @Ctx() context: Context,
  ): Promise<PaymentMethod> {
    const { principal } = context.viewer;
    if (principal.kind === "anonymous") throw new AppError("UNAUTHENTICATED");
    // Only the card holder sets their card; staff and partners never handle cards.
    if (principal.kind !== "customer") throw new AppError("FORBIDDEN");
    // Before anything else touches the input: a card number must not reach the database, the
    // log or an error message.
    const card = validatePaymentMethod(input, context.request.now);
    const customerId = principal.subjectId;
    const now = context.request.now;

    const row = await context.prisma.$transaction(async (tx) => {
      // One writer per customer at a time, so two concurrent calls cannot leave two current
      // cards.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`payment:${customerId}`}, 0))`;
      await tx.paymentMethod.updateMany({
        where: { customerId, replacedAt: null },
        data: { replacedAt: now },
      });
      return tx.paymentMethod.create({ data: { customerId, ...card, createdAt: now } });
    });
    return toPaymentMethod(row);
  }
}
