import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";

export const AuditExportFormatValues = { CSV: "CSV", JSON: "JSON" } as const;
registerEnumType(AuditExportFormatValues, { name: "AuditExportFormat" });

/** The filtered audit trail as one document, newest first. */
@ObjectType()
export class AuditExport {
  @Classified("NON_PERSONAL")
  @Field(() => AuditExportFormatValues)
  format!: keyof typeof AuditExportFormatValues;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "text/csv or application/json." })
  contentType!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "A file name to save it under." })
  fileName!: string;

  @Classified("NON_PERSONAL")
  @Field(() => Int, { description: "How many events it holds." })
  rows!: number;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description: "CSV with a header row, or a JSON array of objects with the same keys.",
  })
  content!: string;
}
