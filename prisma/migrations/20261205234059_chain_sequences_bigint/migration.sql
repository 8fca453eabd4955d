-- Every chain's sequence becomes 64-bit: a busy reader's audit chain (one record per request)
-- or a staff member's action chain would otherwise stop at 2,147,483,647 entries, and every
-- later write would fail. Widening keeps every value, and keeps every hash valid: the audit
-- and staff-action hashes cover the sequence as jsonb prints it, and the consent ledger's as
-- JSON prints it; both print the same digits for an integer and a bigint.
-- (Each ALTER rewrites its table under an exclusive lock: on a large log, run it in a quiet
-- hour.)
-- AlterTable
ALTER TABLE "AccessChainHead" ALTER COLUMN "sequence" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "AccessRecord" ALTER COLUMN "sequence" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "ConsentEvent" ALTER COLUMN "sequence" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "StaffAction" ALTER COLUMN "sequence" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "StaffActionChainHead" ALTER COLUMN "sequence" SET DATA TYPE BIGINT;
