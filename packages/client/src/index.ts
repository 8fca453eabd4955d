/** Every operation the portal and console send, typed from the API's schema. */
export * from "./generated/graphql.js";
