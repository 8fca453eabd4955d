-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "claimedUntil" TIMESTAMPTZ(3);
