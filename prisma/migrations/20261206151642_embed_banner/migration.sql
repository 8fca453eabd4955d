/*
  Warnings:

  - A unique constraint covering the columns `[embedIdHash]` on the table `Visitor` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterEnum
ALTER TYPE "ConsentSource" ADD VALUE 'EMBED';

-- AlterTable
ALTER TABLE "Visitor" ADD COLUMN     "embedIdHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Visitor_embedIdHash_key" ON "Visitor"("embedIdHash");
