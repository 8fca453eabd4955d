/**
 * Fulfils a verified request, by kind, and records in `outcome` what was done: each kind's work
 * is its own file (see fulfilment.ts), run inside the lifecycle's transition.
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { currentStaff } from "../../guards/current-staff.js";
import { Multiline } from "../../validation/multiline.js";
import * as validate from "../../validation/validate.js";
import { MAX_REASON } from "./extend-privacy-request.resolver.js";
import { fulfilAccess } from "./fulfil-access.js";
import { fulfilCorrection } from "./fulfil-correction.js";
import { fulfilDeletion } from "./fulfil-deletion.js";
import { fulfilStopSharing } from "./fulfil-stop-sharing.js";
import type { Fulfilment } from "./fulfilment.js";
import type { PrivacyRequestKind } from "./privacy-request-enums.js";
import { PrivacyRequestQueueItem } from "./privacy-request-queue-item.type.js";
import { transition } from "./transition.js";

/** One fulfilment per kind: a Record, so a new kind does not compile without its own. */
const FULFILMENTS: Readonly<Record<PrivacyRequestKind, Fulfilment>> = {
  ACCESS: fulfilAccess,
  DELETION: fulfilDeletion,
  CORRECTION: fulfilCorrection,
  STOP_SHARING: fulfilStopSharing,
};

@Resolver()
export class FulfilPrivacyRequestResolver {
  @Authorized()
  @Mutation(() => PrivacyRequestQueueItem, {
    description:
      "Privacy officer: fulfils a VERIFIED request (ACCESS: the portal's export, stored; DELETION: erasure except what an open legal request keeps; CORRECTION: `note` says what was corrected; STOP_SHARING: REMARKETING consent withdrawn). Records what was done in outcome, stamped fulfilledAt.",
  })
  async fulfilPrivacyRequest(
    @Arg("id", () => ID) idInput: string,
    @Multiline()
    @Arg("note", () => String, {
      nullable: true,
      description: "What was done (required for CORRECTION). Ids and facts, no personal data.",
    })
    noteInput: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<PrivacyRequestQueueItem> {
    const officer = currentStaff(context);
    const note =
      noteInput === null || noteInput === undefined || noteInput.trim() === ""
        ? null
        : validate.text("note", noteInput, { max: MAX_REASON });
    const now = context.request.now;
    const base = { by: officer.staffId, fulfilledAt: now.toISOString(), note };
    return transition(context, "fulfil", idInput, (request, move) =>
      FULFILMENTS[request.kind]({ context, request, move, now, note, base }),
    );
  }
}
