-- CreateEnum
CREATE TYPE "CustomerAccountTokenKind" AS ENUM ('VERIFY_EMAIL', 'CHANGE_EMAIL', 'PASSWORD_RESET');

-- AlterEnum
ALTER TYPE "EmailKind" ADD VALUE 'CUSTOMER_ACCOUNT';

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "emailVerifiedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "CustomerAccountToken" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "kind" "CustomerAccountTokenKind" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "newEmail" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CustomerAccountToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CustomerAccountToken_tokenHash_key" ON "CustomerAccountToken"("tokenHash");

-- CreateIndex
CREATE INDEX "CustomerAccountToken_customerId_idx" ON "CustomerAccountToken"("customerId");

-- AddForeignKey
ALTER TABLE "CustomerAccountToken" ADD CONSTRAINT "CustomerAccountToken_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Accounts made before verification existed count as verified (their addresses were already
-- used); new accounts start unverified until the emailed link is followed.
UPDATE "Customer" SET "emailVerifiedAt" = "createdAt" WHERE "emailVerifiedAt" IS NULL;
