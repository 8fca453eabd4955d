/**
 * Typed GraphQL documents for the API's own tests, generated from the committed schema
 * (schema.graphql) as packages/client does for the front ends: a test writes its operation
 * once, in `graphql(`…`)`, and its result and variables are typed from the schema, so a test
 * cannot read a field its query does not select, and a query that drifts from the schema fails
 * here, before any test runs. Tests that must send invalid or generated queries pass strings.
 *
 * The output (src/test-support/generated/) is not committed and not part of the build
 * (tsconfig.build.json leaves test-support out); `npm run generate` makes it, and turbo runs
 * that before typecheck, test and build.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["src/**/*.test.ts", "src/test-support/**/*.ts", "!src/test-support/generated/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/test-support/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "documentNode",
        enumsAsTypes: true,
        useTypeImports: true,
        importExtension: ".js",
        scalars: { DateTimeISO: "string", SafeInt: "number" },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
