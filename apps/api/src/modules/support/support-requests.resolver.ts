import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError, badInput } from "../../errors/app-error.js";
import { validateId } from "../../validation/validate-id.js";
import { SupportRequest, toSupportRequest } from "./support-request.type.js";
import { type SupportStatus, SupportStatusValues } from "./support-status.enum.js";

const MAX_FIRST = 200;

@Resolver()
export class SupportRequestsResolver {
  @Authorized()
  @Query(() => [SupportRequest], {
    description:
      "The support queue for support agents and privacy officers, newest first. Subjects, messages, reply addresses and customers' details are personal: declare a purpose such as SUPPORT to read them (each read is audited).",
  })
  async supportRequests(
    @Arg("status", () => SupportStatusValues, { nullable: true }) status: SupportStatus | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Ctx() context: Context,
  ): Promise<SupportRequest[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
      throw badInput("first", `first must be from 1 to ${MAX_FIRST}.`);
    }
    const rows = await context.prisma.supportRequest.findMany({
      where: status ? { status } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: first,
    });
    return rows.map(toSupportRequest);
  }

  @Authorized()
  @Query(() => SupportRequest, {
    description:
      "One support request with its thread, for the console's ticket view: read it under SUPPORT with the ticket as reference (each read is audited).",
  })
  async supportRequest(
    @Arg("id", () => ID) id: string,
    @Ctx() context: Context,
  ): Promise<SupportRequest> {
    const row = await context.prisma.supportRequest.findUnique({
      where: { id: validateId("id", id) },
    });
    if (!row) throw new AppError("NOT_FOUND", "No support request has this id.");
    return toSupportRequest(row);
  }
}
