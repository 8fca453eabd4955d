-- CreateEnum
CREATE TYPE "StaffAccountTokenKind" AS ENUM ('INVITATION', 'PASSWORD_RESET');

-- AlterEnum
ALTER TYPE "EmailKind" ADD VALUE 'STAFF_ACCOUNT';

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "totpEnrolledAt" TIMESTAMPTZ(3),
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpPendingSecret" TEXT,
ADD COLUMN     "totpSecret" TEXT,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "StaffAccountToken" (
    "id" UUID NOT NULL,
    "staffUserId" UUID NOT NULL,
    "kind" "StaffAccountTokenKind" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "StaffAccountToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffAccountToken_tokenHash_key" ON "StaffAccountToken"("tokenHash");

-- CreateIndex
CREATE INDEX "StaffAccountToken_staffUserId_idx" ON "StaffAccountToken"("staffUserId");

-- AddForeignKey
ALTER TABLE "StaffAccountToken" ADD CONSTRAINT "StaffAccountToken_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
