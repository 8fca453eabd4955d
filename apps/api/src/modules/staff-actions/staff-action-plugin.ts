/**
 * Every staff action is recorded (issue 5: "every action is limited by role and audited").
 * One plugin, not a call in each resolver, so a new mutation cannot forget it:
 *
 *   - before a staff member's mutation runs, one ATTEMPTED record per mutation field, with the
 *     declared purpose and reference and the arguments that are not free text. If that record
 *     cannot be written, nothing runs: AUDIT_UNAVAILABLE, as for a read that cannot be audited;
 *   - after it ran, a SUCCEEDED or FAILED record (with the error code) under the same request
 *     id. A redaction in the mutation's result is not a failure: the action happened.
 *
 * The rows go through the log's write path in @privet/db (recordStaffActions), which owns
 * every history. Reads are audited field by field elsewhere (privacy-plugin.ts). Sign-in is
 * not an action of a signed-in staff member, so it is not recorded here (sessions record it).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { recordStaffActions, type StaffActionInput } from "@privet/db/audit";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { logger } from "../../log/logger.js";
import { type MutationCall, mutationCalls } from "./recordable-arguments.js";

interface ResponseError {
  readonly path?: ReadonlyArray<string | number>;
  readonly extensions?: Record<string, unknown>;
}

export const staffActionPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    // The attempt's record, once written (null: it could not be). Another plugin may refuse
    // the operation while this one is still writing, and the response then leaves at once:
    // the result's record waits for the attempt's.
    let attempt: Promise<Attempt | null> | null = null;
    return {
      async didResolveOperation({ operation, document, request, contextValue, schema }) {
        const principal = contextValue.viewer.principal;
        if (operation?.operation !== "mutation" || principal.kind !== "staff") return;
        const variables = request.variables ?? {};
        const calls = mutationCalls(schema, operation, variables, document);
        if (calls.length === 0) return;
        // Resolved once per request by whichever hook asks first (context/request-operation.ts).
        // A malformed @purpose is the privacy plugin's to refuse; the attempt is still
        // recorded, under the purpose the headers declared.
        contextValue.operation.resolve(operation, variables);
        const declared = contextValue.operation.purpose;
        const base: Base = {
          requestId: contextValue.request.requestId,
          staffUserId: principal.staffId,
          staffRole: principal.role,
          purpose: declared?.name ?? null,
          reference: declared?.ref ?? null,
        };
        attempt = recordStaffActions(
          contextValue.prisma,
          calls.map((call) => row(base, call, "ATTEMPTED", null)),
        ).then(
          () => ({ calls, base }),
          (error: unknown) => {
            logger.error("staff action not recorded", {
              requestId: contextValue.request.requestId,
              error,
            });
            return null;
          },
        );
        if (!(await attempt)) {
          throw new AppError(
            "AUDIT_UNAVAILABLE",
            "The action could not be recorded, so it was not carried out. Try again.",
          );
        }
      },
      async willSendResponse({ response, contextValue }) {
        const recorded = attempt && (await attempt);
        if (!recorded) return;
        const { calls, base } = recorded;
        const result = response.body.kind === "single" ? response.body.singleResult : null;
        const errors: readonly ResponseError[] = result?.errors ?? [];
        const data = (result?.data ?? null) as Record<string, unknown> | null;
        // An error of the whole request (no path: refused before the mutation ran) fails every
        // call the response has no result for.
        const requestError = errors.find((e) => !e.path);
        const failureOf = (call: MutationCall): ResponseError | undefined =>
          errors.find(
            (e) => e.path?.[0] === call.responseKey && e.extensions?.code !== "PRIVACY_REDACTED",
          ) ??
          (data && call.responseKey in data
            ? undefined
            : (requestError ?? { extensions: { code: "INTERNAL_SERVER_ERROR" } }));
        try {
          await recordStaffActions(
            contextValue.prisma,
            calls.map((call) => {
              const failure = failureOf(call);
              const code = failure
                ? String(failure.extensions?.code ?? "INTERNAL_SERVER_ERROR")
                : null;
              return row(base, call, failure ? "FAILED" : "SUCCEEDED", code);
            }),
          );
        } catch (error) {
          // The attempt is on record; only its result is missing, and the log says so.
          logger.error("staff action result not recorded", {
            requestId: contextValue.request.requestId,
            error,
          });
        }
      },
    };
  },
};

type Row = StaffActionInput;
/** What every record of one request shares. */
type Base = Pick<Row, "requestId" | "staffUserId" | "staffRole" | "purpose" | "reference">;

interface Attempt {
  readonly calls: MutationCall[];
  readonly base: Base;
}

function row(
  base: Base,
  call: MutationCall,
  outcome: Row["outcome"],
  errorCode: string | null,
): Row {
  return {
    ...base,
    action: call.action,
    arguments: call.arguments as Row["arguments"],
    outcome,
    errorCode,
  };
}
