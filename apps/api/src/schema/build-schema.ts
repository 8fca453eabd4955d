import "reflect-metadata";
import "../vocabulary/enums.js";
import { PURPOSES } from "@privet/domain/purposes";
import { GraphQLEnumType, GraphQLSchema, lexicographicSortSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "../guards/staff-guard.js";
import {
  classifiedDirective,
  multilineDirective,
  personalDirective,
  purposeDirective,
} from "../privacy/directives.js";
import { enforcePersonalFields } from "../privacy/enforce-personal-field.js";
import { resolvers } from "./resolvers.js";

let built: Promise<GraphQLSchema> | undefined;

/** The API's schema, built once per process. */
export function privetSchema(): Promise<GraphQLSchema> {
  built ??= (async () => {
    const schema = await buildSchema({
      resolvers,
      directives: [personalDirective, classifiedDirective, multilineDirective],
      validate: false,
      // Staff operations are marked @Authorized() and checked against the permission table.
      authChecker,
      emitSchemaFile: false,
    });
    const config = schema.toConfig();
    // The directive must share the schema's Purpose enum (TypeGraphQL includes it only when a
    // field uses it).
    const existing = schema.getType("Purpose");
    const purposeEnum =
      existing instanceof GraphQLEnumType
        ? existing
        : new GraphQLEnumType({
            name: "Purpose",
            values: Object.fromEntries(PURPOSES.map((purpose) => [purpose, { value: purpose }])),
          });
    const sorted = lexicographicSortSchema(
      new GraphQLSchema({
        ...config,
        types: existing ? config.types : [...config.types, purposeEnum],
        directives: [...config.directives, purposeDirective(purposeEnum)],
      }),
    );
    // Every @Personal field gets the privacy guard, on the schema the server runs.
    if (enforcePersonalFields(sorted) === 0) throw new Error("no personal field is guarded");
    return sorted;
  })();
  return built;
}
