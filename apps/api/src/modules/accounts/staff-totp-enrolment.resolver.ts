/**
 * Setting up the second factor, before the first sign-in of a role that needs one: the member
 * proves their password and is shown a new secret (base32, and the otpauth:// URI an
 * authenticator app reads). Nothing is enrolled yet: staffSignIn with a code from that secret
 * confirms it. Asking again replaces a secret not yet confirmed; a member already enrolled is
 * refused (an administrator resets the second factor).
 */
import { newTotpSecret, otpauthUri, sealTotpSecret } from "@privet/db/totp";
import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { AppError } from "../../errors/app-error.js";
import { Classified } from "../../privacy/personal.js";
import * as validate from "../../validation/validate.js";
import { verifyAccountPassword } from "./account.resolver.js";

@ObjectType({ description: "A new authenticator secret, shown once to the member setting it up." })
export class TotpEnrolment {
  @Classified("NON_PERSONAL")
  @Field(() => String, { description: "The secret in base32, to type into an authenticator app." })
  secret!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description: "The otpauth:// URI an authenticator app reads (or a QR code of it).",
  })
  otpauthUri!: string;
}

@Resolver()
export class StaffTotpEnrolmentResolver {
  @Mutation(() => TotpEnrolment, {
    description:
      "A staff member without a second factor proves their password and gets a new authenticator secret; staffSignIn with its code confirms it (generic error on a wrong password).",
  })
  async beginStaffTotpEnrolment(
    @Arg("email", () => String) emailInput: string,
    @Arg("password", () => String) password: string,
    @Ctx() context: Context,
  ): Promise<TotpEnrolment> {
    const email = validate.email("email", emailInput);
    const found = await context.prisma.staffUser.findUnique({ where: { email } });
    const row = found && !found.disabledAt ? found : null;
    // Counted like a sign-in attempt, and left counted: this is not a sign-in.
    const { ok } = await verifyAccountPassword(context, "staff", email, row, password);
    if (!ok || !row) throw new AppError("INVALID_CREDENTIALS");
    if (row.totpSecret) throw new AppError("TOTP_ALREADY_ENROLLED");
    const secret = newTotpSecret();
    await context.prisma.staffUser.update({
      where: { id: row.id },
      data: { totpPendingSecret: sealTotpSecret(secret, context.config.hashKey) },
    });
    return Object.assign(new TotpEnrolment(), {
      secret,
      otpauthUri: otpauthUri(secret, "Privet console", row.email),
    });
  }
}
