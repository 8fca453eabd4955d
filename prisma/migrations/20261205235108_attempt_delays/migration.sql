-- Growing delays for sign-in failures (issue 10): each attempt counter row now says when its
-- window ends (windows differ in length) and, for an account under repeated failures, the
-- time before which no further attempt is taken.

-- DropIndex
DROP INDEX "AttemptWindow_windowStart_idx";

-- AlterTable: the rows already there are 15-minute windows, so their end is known; filled in
-- before NOT NULL, so the migration applies to a table that is in use.
ALTER TABLE "AttemptWindow" ADD COLUMN     "expiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "retryAt" TIMESTAMPTZ(3);
UPDATE "AttemptWindow" SET "expiresAt" = "windowStart" + INTERVAL '15 minutes';
ALTER TABLE "AttemptWindow" ALTER COLUMN "expiresAt" SET NOT NULL;

-- CreateIndex
CREATE INDEX "AttemptWindow_expiresAt_idx" ON "AttemptWindow"("expiresAt");
