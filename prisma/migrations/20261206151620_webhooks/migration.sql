-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "processorId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sealedSecret" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "customerId" UUID,
    "purpose" "Purpose",
    "processorId" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "fannedOutAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "messageId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "claimedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastStatusCode" INTEGER,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_processorId_createdAt_idx" ON "WebhookEndpoint"("processorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_dedupeKey_key" ON "WebhookEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookEvent_fannedOutAt_occurredAt_idx" ON "WebhookEvent"("fannedOutAt", "occurredAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_processorId_fkey" FOREIGN KEY ("processorId") REFERENCES "Processor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A customer's consent change is told to processors through the webhook outbox, written by
-- the database in the same statement as the ledger's append (as ConsentCurrent is): every
-- path that appends a customer's event — the consent centre, registration, an unsubscribe
-- link, an erasure's withdrawals — enqueues it, and none sends a statement more. Visitors and
-- newsletter subscribers are unknown to partners: their events enqueue nothing.
CREATE FUNCTION webhook_event_for_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "WebhookEvent" ("id", "type", "customerId", "purpose", "occurredAt")
  VALUES (
    gen_random_uuid(),
    CASE WHEN NEW."state" = 'GIVEN' THEN 'consent.given' ELSE 'consent.withdrawn' END,
    NEW."subjectId",
    NEW."purpose",
    NEW."occurredAt"
  );
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ConsentEvent_webhook_outbox"
  AFTER INSERT ON "ConsentEvent"
  FOR EACH ROW WHEN (NEW."subjectKind" = 'CUSTOMER')
  EXECUTE FUNCTION webhook_event_for_consent();
