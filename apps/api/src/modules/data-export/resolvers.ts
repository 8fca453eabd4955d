import { MyDataExportResolver } from "./my-data-export.resolver.js";

/** The data-export module's resolver classes (see schema/resolvers.ts). */
export const dataExportResolvers = [MyDataExportResolver] as const;
