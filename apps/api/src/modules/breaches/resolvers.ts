/** The breach-incident module's resolver classes (P-17; see schema/resolvers.ts). */
import { ApproveBreachNoticesResolver } from "./approve-breach-notices.resolver.js";
import { BreachIncidentNoticesResolver } from "./breach-incident-notices.resolver.js";
import { BreachIncidentsResolver } from "./breach-incidents.resolver.js";
import { CloseBreachIncidentResolver } from "./close-breach-incident.resolver.js";
import { RecordBreachIncidentResolver } from "./record-breach-incident.resolver.js";
import { RedraftBreachNoticesResolver } from "./redraft-breach-notices.resolver.js";
import { SendBreachNoticesResolver } from "./send-breach-notices.resolver.js";

export const breachesResolvers = [
  BreachIncidentsResolver,
  BreachIncidentNoticesResolver,
  RecordBreachIncidentResolver,
  RedraftBreachNoticesResolver,
  ApproveBreachNoticesResolver,
  SendBreachNoticesResolver,
  CloseBreachIncidentResolver,
] as const;
