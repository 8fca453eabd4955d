-- CreateEnum
CREATE TYPE "AccessOutcome" AS ENUM ('ALLOWED', 'DENIED');

-- AlterTable
ALTER TABLE "AccessEvent" ADD COLUMN     "denyReason" TEXT,
ADD COLUMN     "outcome" "AccessOutcome" NOT NULL DEFAULT 'ALLOWED';
