import { Field, ID, ObjectType } from "type-graphql";

/**
 * A page view recorded for remarketing (P-05). Its fields carry no directive of their own:
 * the only way to reach one is `Customer.navigationEvents`, which is
 * `@personal(category: "user.behavior.navigation")`, so the whole list is decided (and, for
 * staff and partners, audited) once, as one field.
 */
@ObjectType({
  description:
    'A page view. Reached only through Customer.navigationEvents (@personal "user.behavior.navigation").',
})
export class NavigationEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The page's path, without query string." })
  path!: string;

  @Field(() => String, {
    nullable: true,
    description: "A path on this site, or the origin of the site the visitor came from.",
  })
  referrer!: string | null;

  @Field(() => Date)
  occurredAt!: Date;
}
