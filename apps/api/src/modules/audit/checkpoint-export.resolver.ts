import { exportCheckpoints } from "@privet/db/checkpoints";
import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context.js";
import { Classified } from "../../privacy/personal.js";

/** The signed checkpoints as a file to keep outside the database. */
@ObjectType()
export class ChainCheckpointExport {
  @Classified("NON_PERSONAL")
  @Field(() => String)
  fileName!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "JSON (format privet-checkpoints/1): per history, every chain's checkpoint (chain, sequence, hash) and the seal's Ed25519 signature. Chains are named by reader, subject or staff id: ids only.",
  })
  content!: string;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description: "The signing key's id; its public half is at /.well-known/privet-checkpoint-key.",
  })
  keyId!: string;
}

@Resolver()
export class ChainCheckpointExportResolver {
  @Authorized()
  @Query(() => ChainCheckpointExport, {
    description:
      "Auditors, privacy and security officers: the hash chains' signed checkpoints, to keep outside the database. Checked later with `npm run db:verify -- --against <file>`, it shows what the chains alone cannot: newest entries deleted with the heads rolled back, or entries rewritten with every hash recomputed.",
  })
  async chainCheckpointExport(@Ctx() context: Context): Promise<ChainCheckpointExport> {
    const signer = context.config.checkpointSigner;
    const exported = await exportCheckpoints(context.prisma, signer);
    const stamp = exported.exportedAt.replaceAll(":", "-").replace(/\.\d+Z$/, "Z");
    return Object.assign(new ChainCheckpointExport(), {
      fileName: `privet-checkpoints-${stamp}.json`,
      content: `${JSON.stringify(exported, null, 2)}\n`,
      keyId: signer.keyId,
    });
  }
}
