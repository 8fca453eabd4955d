import { Field, ID, Int, ObjectType } from "type-graphql";
import { Classified, Personal } from "../../privacy/personal.js";

/**
 * The customer's card as Privet holds it (P-03): the processor's token, the brand, the last
 * four digits and the expiry. The full card number is never stored, so it cannot be returned.
 */
@ObjectType({ description: "A payment card, as far as the asker may see it (never its number)." })
export class PaymentMethod {
  /** Whose card this is: read by the privacy enforcement, never printed. */
  subjectId!: string;

  @Classified("NON_PERSONAL")
  @Field(() => ID)
  id!: string;

  @Personal("user.financial.card.brand")
  @Field(() => String, { nullable: true, description: "visa, mastercard, amex, …" })
  brand!: string | null;

  @Personal("user.financial.card.last4")
  @Field(() => String, { nullable: true })
  last4!: string | null;

  @Personal("user.financial.card.expiry")
  @Field(() => Int, { nullable: true, description: "1–12." })
  expiryMonth!: number | null;

  @Personal("user.financial.card.expiry")
  @Field(() => Int, { nullable: true })
  expiryYear!: number | null;

  @Personal("user.financial.card.token")
  @Field(() => String, { nullable: true, description: "The payment processor's token." })
  processorToken!: string | null;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  createdAt!: Date;
}

export function toPaymentMethod(row: {
  id: string;
  customerId: string;
  brand: string;
  last4: string;
  expiryMonth: number;
  expiryYear: number;
  processorToken: string;
  createdAt: Date;
}): PaymentMethod {
  return Object.assign(new PaymentMethod(), {
    id: row.id,
    subjectId: row.customerId,
    brand: row.brand,
    last4: row.last4,
    expiryMonth: row.expiryMonth,
    expiryYear: row.expiryYear,
    processorToken: row.processorToken,
    createdAt: row.createdAt,
  });
}
