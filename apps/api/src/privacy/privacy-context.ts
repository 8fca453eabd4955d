/**
 * What field-level privacy needs of a request's context, and no more: the enforcement
 * middleware (enforce-personal-field.ts) and the privacy plugin (privacy-plugin.ts) take this.
 * The request's context (context/context.ts) extends it, so privacy/ sits below the context
 * rather than importing it.
 */
import type { AuditWriter } from "@privet/db/audit";
import type { OperationDefinitionNode } from "graphql";
import type { AccessReadRecorder } from "./access-read-recorder.js";
import type { PrivacyGate } from "./privacy-gate.js";

/** The request's operation, resolved once: the first hook to call resolve() does the work. */
export interface ResolvableOperation {
  /** The refusal of a malformed `@purpose`, or null. */
  resolve(operation: OperationDefinitionNode, variables: Record<string, unknown>): Error | null;
}

export interface PrivacyContext {
  readonly request: { readonly requestId: string };
  /** Writes the request's access records (the audit log's write path). */
  readonly audit: AuditWriter;
  /** The operation, whose declared purpose the gate and the recorder read. */
  readonly operation: ResolvableOperation;
  /** Decides each personal field (decide(), cached per request). */
  readonly privacy: PrivacyGate;
  /** Collects staff and partner reads for the request's access records. */
  readonly accessReads: AccessReadRecorder;
  /** Only the benchmark turns this off, to measure what enforcement costs. */
  readonly privacyEnforced: boolean;
}
