import { Field, ObjectType } from "type-graphql";
import { PageInfo } from "../../pagination/page-info.type.js";
import { Classified } from "../../privacy/personal.js";
import { Customer } from "../accounts/public.js";

@ObjectType()
export class CustomerEdge {
  @Classified("NON_PERSONAL")
  @Field(() => String)
  cursor!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Customer)
  node!: Customer;
}

/** A page of customers for staff; each customer's personal fields are enforced one by one. */
@ObjectType()
export class CustomerConnection {
  @Classified("NON_PERSONAL")
  @Field(() => [CustomerEdge])
  edges!: CustomerEdge[];

  @Classified("NON_PERSONAL")
  @Field(() => [Customer], { description: "The edges' nodes, for clients that need no cursors." })
  nodes!: Customer[];

  @Classified("NON_PERSONAL")
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
