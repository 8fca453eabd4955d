/** The audit module's resolver classes (see schema/resolvers.ts). */
import { AuditEventsResolver } from "./audit-events.resolver.js";
import { AuditExportResolver } from "./audit-export.resolver.js";
import { AuditVerificationResolver } from "./audit-verification.resolver.js";
import { ChainCheckpointExportResolver } from "./checkpoint-export.resolver.js";

export const auditResolvers = [
  AuditEventsResolver,
  AuditVerificationResolver,
  AuditExportResolver,
  ChainCheckpointExportResolver,
] as const;
