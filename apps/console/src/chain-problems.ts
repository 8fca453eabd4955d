import type { ChainProblem } from "@privet/client";

/**
 * What each way a hash chain can be broken means, in words for the auditor. A Record over
 * the API's enum: a problem the API learns to report does not compile here until it has
 * words.
 */
export const CHAIN_PROBLEM_WORDS: Record<ChainProblem, string> = {
  HASH_MISMATCH: "an entry's content was changed after it was written",
  PREVIOUS_HASH_MISMATCH: "an entry does not follow the one before it (forged or reordered)",
  SEQUENCE_GAP: "an entry before this one was removed",
  HEAD_MISMATCH:
    "the newest entry is not the chain's head (the newest was removed, or one was added behind the database's back)",
  HEAD_MISSING: "the chain's head is missing",
  HEAD_WITHOUT_ENTRIES: "the chain's head has no entries (they were removed)",
  HEAD_REBUILT: "the chain's head was missing and was rebuilt",
  CHECKPOINT_MISMATCH:
    "an entry a signed checkpoint vouched for is gone or was changed (the chain was cut back or rewritten since)",
  CHECKPOINT_UNTRUSTED:
    "the stored checkpoints no longer match their signature (edited in the database)",
  CURRENT_MISMATCH: "a current consent does not match the newest consent event for its purpose",
  CURRENT_MISSING: "a current consent is missing for a purpose that has consent events",
};
