/** The partners module's resolver classes (see schema/resolvers.ts). */
import { ConsentCheckResolver } from "./consent-check.resolver.js";
import { IssuePartnerApiKeyResolver } from "./issue-partner-api-key.resolver.js";
import { PartnerSubjectFieldsResolver } from "./partner-subject-fields.resolver.js";
import { PartnerSubjectGppResolver } from "./partner-subject-gpp.resolver.js";
import { PartnerSubjectsResolver } from "./partner-subjects.resolver.js";
import { RecordProcessorAgreementResolver } from "./record-processor-agreement.resolver.js";
import { RevokePartnerApiKeyResolver } from "./revoke-partner-api-key.resolver.js";
import { RotatePartnerApiKeyResolver } from "./rotate-partner-api-key.resolver.js";
import { TerminateProcessorAgreementResolver } from "./terminate-processor-agreement.resolver.js";

export const partnersResolvers = [
  PartnerSubjectsResolver,
  PartnerSubjectFieldsResolver,
  PartnerSubjectGppResolver,
  ConsentCheckResolver,
  IssuePartnerApiKeyResolver,
  RevokePartnerApiKeyResolver,
  RotatePartnerApiKeyResolver,
  RecordProcessorAgreementResolver,
  TerminateProcessorAgreementResolver,
] as const;
