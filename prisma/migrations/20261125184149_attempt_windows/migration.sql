-- CreateTable
CREATE TABLE "AttemptWindow" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "AttemptWindow_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "AttemptWindow_windowStart_idx" ON "AttemptWindow"("windowStart");
