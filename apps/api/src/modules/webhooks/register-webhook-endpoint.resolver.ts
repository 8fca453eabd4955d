/**
 * Registers a processor's endpoint. The signing secret is made here and shown once in the
 * response; the database keeps it sealed (webhook-secret.ts). A URL that is not http(s), or
 * holds a user name or password, is refused in words; so is, where private addresses are
 * refused (production), one naming this machine or a private network.
 */
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { badInput } from "../../errors/app-error.js";
import * as validate from "../../validation/validate.js";
import { validateId } from "../../validation/validate-id.js";
import { namesPrivateAddress } from "./webhook-destination.js";
import { RegisteredWebhookEndpoint, toWebhookEndpoint } from "./webhook-endpoint.type.js";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-secret.js";
import { webhookUrlProblem } from "./webhook-url.js";

@Resolver()
export class RegisterWebhookEndpointResolver {
  @Authorized()
  @Mutation(() => RegisteredWebhookEndpoint, {
    description:
      "Administrator: a new webhook endpoint for a processor. The signing secret is in this response only.",
  })
  async registerWebhookEndpoint(
    @Arg("processorId", () => ID) processorIdInput: string,
    @Arg("url", () => String) urlInput: string,
    @Arg("description", () => String, { defaultValue: "" }) descriptionInput: string,
    @Ctx() context: Context,
  ): Promise<RegisteredWebhookEndpoint> {
    const processorId = validateId("processorId", processorIdInput);
    const url = urlInput.trim();
    const problem = webhookUrlProblem(url);
    if (problem) throw badInput("url", problem);
    // Caught early for the administrator; a name resolving to such an address is refused
    // when a delivery connects (webhook-destination.ts).
    if (context.config.webhookPrivateAddresses === "refuse" && namesPrivateAddress(new URL(url))) {
      throw badInput(
        "url",
        "The URL points at this machine or a private network: webhooks go only to the processor's public address.",
      );
    }
    const description = validate.text("description", descriptionInput, { min: 0, max: 200 });
    const processor = await context.prisma.processor.findUnique({
      where: { id: processorId },
      select: { id: true },
    });
    if (!processor) throw badInput("processorId", "No processor has this id.");

    const secret = newWebhookSecret();
    const row = await context.prisma.webhookEndpoint.create({
      data: {
        processorId,
        url,
        description,
        sealedSecret: sealWebhookSecret(secret, context.config.hashKey),
        createdAt: context.request.now,
      },
    });
    return Object.assign(new RegisteredWebhookEndpoint(), {
      secret,
      endpoint: toWebhookEndpoint(row),
    });
  }
}
