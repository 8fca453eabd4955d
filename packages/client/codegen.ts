/**
 * Typed GraphQL documents for the front ends, generated from the API's committed schema
 * (apps/api/schema.graphql): a query that does not match the schema fails here, at build
 * time, not in a customer's browser. Documents are pre-parsed ASTs (TypedDocumentNode), which
 * urql takes as they are; locations are left out to keep them small.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../apps/api/schema.graphql",
  documents: ["src/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    "src/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "documentNode",
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTimeISO: "string", SafeInt: "number" },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
