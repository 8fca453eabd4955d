/**
 * The partner operations as typed documents, generated from the API's committed schema
 * (apps/api/schema.graphql), as packages/client does for the front ends: an operation that
 * drifts from the API fails the build of this package, not a partner's integration.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../apps/api/schema.graphql",
  documents: ["src/operations/*.graphql"],
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
