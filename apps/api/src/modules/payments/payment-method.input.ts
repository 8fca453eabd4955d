import { Field, InputType, Int } from "type-graphql";

/**
 * What the portal sends after the payment processor's form has tokenised the card: never the
 * card number itself (any field holding one is refused with CARD_NUMBER_REJECTED).
 */
@InputType()
export class PaymentMethodInput {
  @Field(() => String, { description: "The processor's token, e.g. tok_1Nv…" })
  processorToken!: string;

  @Field(() => String, {
    description: "visa, mastercard, amex, discover, jcb, diners, unionpay or other.",
  })
  brand!: string;

  @Field(() => String, { description: "The last four digits of the card number." })
  last4!: string;

  @Field(() => Int, { description: "1–12." })
  expiryMonth!: number;

  @Field(() => Int, { description: "Four digits, e.g. 2030." })
  expiryYear!: number;
}
