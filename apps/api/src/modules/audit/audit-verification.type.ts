import type { ChainProblem, ChainVerification } from "@privet/db/ledger";
import { SafeIntResolver } from "graphql-scalars";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Classified } from "../../privacy/personal.js";
import { ArchivedMonth } from "./archived-month.type.js";

export const ChainProblemValues = {
  HASH_MISMATCH: "HASH_MISMATCH",
  PREVIOUS_HASH_MISMATCH: "PREVIOUS_HASH_MISMATCH",
  SEQUENCE_GAP: "SEQUENCE_GAP",
  HEAD_MISMATCH: "HEAD_MISMATCH",
  HEAD_MISSING: "HEAD_MISSING",
  HEAD_WITHOUT_ENTRIES: "HEAD_WITHOUT_ENTRIES",
  HEAD_REBUILT: "HEAD_REBUILT",
  CHECKPOINT_MISMATCH: "CHECKPOINT_MISMATCH",
  CHECKPOINT_UNTRUSTED: "CHECKPOINT_UNTRUSTED",
  CURRENT_MISMATCH: "CURRENT_MISMATCH",
  CURRENT_MISSING: "CURRENT_MISSING",
} as const satisfies { [P in ChainProblem]: P };
registerEnumType(ChainProblemValues, {
  name: "ChainProblem",
  description:
    "How a hash chain is broken: a rewritten entry (HASH_MISMATCH), a forged or reordered one (PREVIOUS_HASH_MISMATCH), a removed one (SEQUENCE_GAP), a newest entry that is not the chain's head (HEAD_MISMATCH: removed, or appended behind the database's back), entries with no head (HEAD_MISSING), a head with no entries (HEAD_WITHOUT_ENTRIES), a head that was missing and was rebuilt by the next write (HEAD_REBUILT), an entry a signed checkpoint vouched for that is gone or changed (CHECKPOINT_MISMATCH), checkpoints that no longer match their signature (CHECKPOINT_UNTRUSTED); for the consent ledger, a current consent that is not the newest event of its purpose (CURRENT_MISMATCH) or is missing (CURRENT_MISSING).",
});

/** The first entry at which a chain no longer verifies. */
@ObjectType()
export class BrokenChainLink {
  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description: "The chain: an audit reader's, a ledger subject's or a staff member's (actions).",
  })
  chain!: string;

  // Sequences are 64-bit in the database; GraphQL's Int stops at 2^31 - 1, SafeInt (a JSON
  // number, exact) at 2^53 - 1, beyond the length of any chain.
  @Classified("NON_PERSONAL")
  @Field(() => SafeIntResolver, { description: "The entry's place in its chain (1, 2, 3…)." })
  sequence!: number;

  @Classified("NON_PERSONAL")
  @Field(() => ChainProblemValues)
  problem!: keyof typeof ChainProblemValues;

  @Classified("NON_PERSONAL")
  @Field(() => String, {
    description:
      "The broken entry's id (access record, consent event or staff action); empty for a head with no entries.",
  })
  entryId!: string;
}

@ObjectType()
export class ChainCheck {
  @Classified("NON_PERSONAL")
  @Field(() => Boolean)
  ok!: boolean;

  @Classified("NON_PERSONAL")
  @Field(() => SafeIntResolver, {
    description: "Entries verified (when broken: those before the break in its chain).",
  })
  checked!: number;

  @Classified("NON_PERSONAL")
  @Field(() => BrokenChainLink, { nullable: true })
  firstBroken!: BrokenChainLink | null;
}

@ObjectType()
export class AuditVerification {
  @Classified("NON_PERSONAL")
  @Field(() => ChainCheck, { description: "The audit log's chains (one per reader)." })
  auditLog!: ChainCheck;

  @Classified("NON_PERSONAL")
  @Field(() => ChainCheck, { description: "The consent ledger's chains (one per subject)." })
  consentLedger!: ChainCheck;

  @Classified("NON_PERSONAL")
  @Field(() => ChainCheck, {
    description: "The staff action log's chains (one per staff member).",
  })
  staffActions!: ChainCheck;

  @Classified("NON_PERSONAL")
  @Field(() => Date)
  verifiedAt!: Date;

  @Classified("NON_PERSONAL")
  @Field(() => [ArchivedMonth], {
    description:
      "The months of the audit log and the staff action log archived to files, oldest first: the chains above are verified from where those files end.",
  })
  archivedMonths!: ArchivedMonth[];
}

export function toChainCheck(result: ChainVerification): ChainCheck {
  return Object.assign(new ChainCheck(), {
    ok: result.ok,
    checked: result.checked,
    firstBroken: result.ok
      ? null
      : Object.assign(new BrokenChainLink(), {
          chain: result.firstBroken.chain,
          sequence: result.firstBroken.sequence,
          problem: result.firstBroken.problem,
          entryId: result.firstBroken.eventId,
        }),
  });
}
