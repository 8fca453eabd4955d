import { SafeIntResolver } from "graphql-scalars";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

export const ArchivedHistoryValues = {
  AUDIT_LOG: "AUDIT_LOG",
  STAFF_ACTIONS: "STAFF_ACTIONS",
} as const;
registerEnumType(ArchivedHistoryValues, {
  name: "ArchivedHistory",
  description: "A history kept in monthly partitions, whose old months can be archived to files.",
});

/**
 * A month of the audit log or the staff action log that `npm run db:archive` wrote to files
 * and dropped from the database (docs/retention.md). Nothing personal: the register's row.
 */
@ObjectType({
  description:
    "A month archived to files and dropped from the database (`npm run db:archive`); `npm run db:archive -- --verify <folder>` checks the files against the database.",
})
export class ArchivedMonth {
  @Classified("NON_PERSONAL")
  @Field(() => ArchivedHistoryValues)
  history!: keyof typeof ArchivedHistoryValues;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The month, as YYYY-MM (UTC)." })
  month!: string;

  @Classified("NON_PERSONAL")
  @Field(() => SafeIntResolver, { description: "Entries written to the month's file." })
  entries!: number;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description: "The SHA-256 (hex) of the month's file, as recorded when it was written.",
  })
  sha256!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  archivedAt!: Date;
}
