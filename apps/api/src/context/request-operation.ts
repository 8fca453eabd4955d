/**
 * The operation a request runs, as everything after parsing reads it: its name and the
 * purpose it declares (the directive's, else the headers'). Worked out once per request, by
 * the first plugin hook that calls resolve(): Apollo starts every plugin's didResolveOperation
 * at once, so no hook may count on another having run first, and each that needs the
 * operation resolves it — the first does the work, the others get the same answer. Resolvers
 * and the response hooks run after those hooks and read `name` and `purpose` directly; a read
 * before resolution is a bug and throws rather than answering "no purpose".
 */
import type { OperationDefinitionNode } from "graphql";
import { type DeclaredPurpose, resolveDeclaredPurpose } from "../privacy/declared-purpose.js";

export class RequestOperation {
  private resolved = false;
  private operationName: string | null = null;
  private declared: DeclaredPurpose | null;
  private refusal: Error | null = null;

  /** `fromHeaders`: the purpose the headers declare, checked when the context was made. */
  constructor(private readonly fromHeaders: DeclaredPurpose | null) {
    this.declared = fromHeaders;
  }

  /**
   * Resolves the operation on the first call; every call answers the same. A malformed
   * `@purpose` is returned as the refusal, which the privacy plugin answers the request with;
   * the headers' purpose then stays in force, so the staff action log records the refused
   * attempt under what the headers declared.
   */
  resolve(operation: OperationDefinitionNode, variables: Record<string, unknown>): Error | null {
    if (!this.resolved) {
      this.resolved = true;
      this.operationName = operation.name?.value ?? null;
      try {
        this.declared = resolveDeclaredPurpose(operation, variables, this.fromHeaders);
      } catch (error) {
        this.refusal = error instanceof Error ? error : new Error(String(error));
      }
    }
    return this.refusal;
  }

  /**
   * Resolves a request that is not a GraphQL operation (a download route such as
   * GET /my-data-export): it has a name for the logs and no document, so the headers'
   * purpose, if any, is the one it runs under.
   */
  resolveRoute(name: string): void {
    if (this.resolved) return;
    this.resolved = true;
    this.operationName = name;
  }

  get name(): string | null {
    this.assertResolved();
    return this.operationName;
  }

  get purpose(): DeclaredPurpose | null {
    this.assertResolved();
    return this.declared;
  }

  private assertResolved(): void {
    if (!this.resolved) throw new Error("the operation was read before it was resolved");
  }
}
