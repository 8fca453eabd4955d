import { describe, expect, it } from "vitest";
import { dataLossWarnings, warningsHeader } from "./warnings.js";

// What the schema engine's diff rendered for a schema with one of each risky change.
const RISKY = `-- AlterEnum
BEGIN;
CREATE TYPE "EmailStatus_new" AS ENUM ('PENDING', 'SENT');
ALTER TABLE "public"."OutboxEmail" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "OutboxEmail" ALTER COLUMN "status" TYPE "EmailStatus_new" USING ("status"::text::"EmailStatus_new");
ALTER TYPE "EmailStatus" RENAME TO "EmailStatus_old";
ALTER TYPE "EmailStatus_new" RENAME TO "EmailStatus";
DROP TYPE "public"."EmailStatus_old";
ALTER TABLE "OutboxEmail" ALTER COLUMN "status" SET DEFAULT 'PENDING';
COMMIT;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "mandatory" TEXT NOT NULL,
ADD COLUMN     "withDefault" TEXT NOT NULL DEFAULT 'x';

-- AlterTable
ALTER TABLE "Customer" DROP COLUMN "passwordHash";

-- AlterTable
ALTER TABLE "CustomerHeldRecord" ADD COLUMN     "renamed" TEXT;

-- AlterTable
ALTER TABLE "OutboxEmail" ALTER COLUMN "attempts" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "SupportRequest" ALTER COLUMN "replyTo" SET NOT NULL;

-- DropTable
DROP TABLE "NewsletterSubscriber";

-- CreateIndex
CREATE UNIQUE INDEX "SupportRequest_subject_key" ON "SupportRequest"("subject");
`;

// Additions only: a new table with its unique index, a nullable column, a defaulted one.
const SAFE = `-- CreateTable
CREATE TABLE "DriftProbe" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "DriftProbe_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "nickname" TEXT,
ADD COLUMN     "score" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "DriftProbe_label_key" ON "DriftProbe"("label");
`;

describe("data-loss warnings", () => {
  it("names every risky step", () => {
    expect(dataLossWarnings(RISKY)).toEqual([
      "You are about to drop the `NewsletterSubscriber` table. If the table is not empty, all the data it contains will be lost.",
      "Added the required column `mandatory` to the `Campaign` table without a default value. This is not possible if the table is not empty.",
      "You are about to drop the column `passwordHash` on the `Customer` table. All the data in the column will be lost.",
      "You are about to alter the column `attempts` on the `OutboxEmail` table: its data will be cast to BIGINT. Check that every value converts.",
      "Made the column `replyTo` on table `SupportRequest` required. If it holds NULL values, this migration will fail.",
      "Values are removed from the enum `EmailStatus`. If rows still use them, this migration will fail.",
      "A unique constraint covering the columns `[subject]` on the table `SupportRequest` will be added. If there are existing duplicate values, this will fail.",
    ]);
  });

  it("stays quiet about additions", () => {
    expect(dataLossWarnings(SAFE)).toEqual([]);
    expect(warningsHeader([])).toBe("");
  });

  it("writes them as Prisma does, in a comment at the top of migration.sql", () => {
    expect(warningsHeader(["one", "two"])).toBe("/*\n  Warnings:\n\n  - one\n  - two\n\n*/\n");
  });
});
