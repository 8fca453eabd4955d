-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Existing rows: last changed when created, or when erased (not when this migration ran, which
-- would report every customer as changed to the first changedSince sync).
UPDATE "Customer" SET "updatedAt" = COALESCE("erasedAt", "createdAt");

-- AlterTable
ALTER TABLE "PartnerApiKey" ADD COLUMN     "expiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "purposes" "Purpose"[] DEFAULT ARRAY[]::"Purpose"[],
ADD COLUMN     "replacedById" UUID;

-- CreateIndex
CREATE INDEX "ConsentCurrent_updatedAt_subjectKind_idx" ON "ConsentCurrent"("updatedAt", "subjectKind");

-- CreateIndex
CREATE INDEX "Customer_updatedAt_idx" ON "Customer"("updatedAt");
