/**
 * The privacy plugin: resolves the operation's declared purpose before execution (refusing a
 * malformed one) and has the gate load what its decisions share, then writes the request's
 * access records in one batch before the response leaves. The audit writer may carry them in
 * one INSERT with other requests' records (group commit); `write` resolves only once that
 * INSERT has committed. If the audit cannot be written, the data is not sent: a read that is
 * not audited did not happen.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { AppError } from "../errors/app-error.js";
import { logger } from "../log/logger.js";
import type { PrivacyContext } from "./privacy-context.js";

export const privacyPlugin: ApolloServerPlugin<PrivacyContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request, contextValue }) {
        if (!operation) return;
        const refusal = contextValue.operation.resolve(operation, request.variables ?? {});
        if (refusal) throw refusal;
        if (contextValue.privacyEnforced) await contextValue.privacy.prepare();
      },
      async willSendResponse({ response, contextValue }) {
        try {
          const records = await contextValue.accessReads.take();
          if (records.length === 0) return;
          await contextValue.audit.write(records);
        } catch (error) {
          logger.error("audit write failed", { requestId: contextValue.request.requestId, error });
          const failure = new AppError("AUDIT_UNAVAILABLE");
          response.http.status = 503;
          if (response.body.kind === "single") {
            response.body.singleResult = {
              errors: [{ message: failure.message, extensions: failure.extensions }],
            };
          }
        }
      },
    };
  },
};
