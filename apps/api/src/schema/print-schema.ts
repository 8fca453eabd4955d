import { printSchemaWithDirectives } from "@graphql-tools/utils";
import type { GraphQLSchema } from "graphql";

/** The schema as committed in apps/api/schema.graphql: sorted, with its privacy directives. */
export function printPrivetSchema(schema: GraphQLSchema): string {
  return `${printSchemaWithDirectives(schema).trim()}\n`;
}
