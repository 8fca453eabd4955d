-- CreateEnum
CREATE TYPE "StaffActionOutcome" AS ENUM ('ATTEMPTED', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "StaffAction" (
    "id" UUID NOT NULL,
    "requestId" TEXT NOT NULL,
    "staffUserId" UUID NOT NULL,
    "staffRole" "StaffRole" NOT NULL,
    "action" TEXT NOT NULL,
    "arguments" JSONB NOT NULL DEFAULT '{}',
    "purpose" "Purpose",
    "reference" TEXT,
    "outcome" "StaffActionOutcome" NOT NULL,
    "errorCode" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffAction_occurredAt_idx" ON "StaffAction"("occurredAt");

-- CreateIndex
CREATE INDEX "StaffAction_staffUserId_occurredAt_idx" ON "StaffAction"("staffUserId", "occurredAt");

-- CreateIndex
CREATE INDEX "StaffAction_action_occurredAt_idx" ON "StaffAction"("action", "occurredAt");

-- Staff actions are history: once written, never changed or removed.
CREATE TRIGGER "StaffAction_append_only"
  BEFORE UPDATE OR DELETE ON "StaffAction"
  FOR EACH ROW EXECUTE FUNCTION "privet_refuse_history_rewrite"();
CREATE TRIGGER "StaffAction_no_truncate"
  BEFORE TRUNCATE ON "StaffAction"
  FOR EACH STATEMENT EXECUTE FUNCTION "privet_refuse_history_rewrite"();
