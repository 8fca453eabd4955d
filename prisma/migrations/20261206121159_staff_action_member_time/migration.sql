-- CreateIndex
CREATE INDEX "StaffAction_staffUserId_occurredAt_idx" ON "StaffAction"("staffUserId", "occurredAt");
