-- CreateEnum
CREATE TYPE "Purpose" AS ENUM ('SIGN_IN', 'SERVICE_IMPROVEMENT', 'PERSONALISATION', 'SUPPORT', 'PAYMENT', 'SERVICE_ANNOUNCEMENTS', 'MARKETING', 'REMARKETING', 'CROSS_BORDER_CONSOLIDATION', 'LEGAL_OBLIGATION', 'MALFUNCTION_INVESTIGATION', 'BREACH_RESPONSE');

-- CreateEnum
CREATE TYPE "ConsentState" AS ENUM ('GIVEN', 'REFUSED', 'WITHDRAWN', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ConsentSource" AS ENUM ('REGISTRATION', 'PORTAL', 'BANNER', 'GPC', 'EMAIL_LINK', 'STAFF_ON_REQUEST', 'API');

-- CreateEnum
CREATE TYPE "ConsentSubjectKind" AS ENUM ('CUSTOMER', 'VISITOR', 'SUBSCRIBER');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('SUPPORT_AGENT', 'PRIVACY_OFFICER', 'SECURITY_OFFICER', 'AUDITOR', 'ADMINISTRATOR');

-- CreateEnum
CREATE TYPE "ProcessorKind" AS ENUM ('CLOUD_STORAGE', 'EMAIL_SERVICE', 'ADVERTISING', 'PAYMENT_PROCESSOR');

-- CreateEnum
CREATE TYPE "PrincipalKind" AS ENUM ('CUSTOMER', 'STAFF', 'PARTNER');

-- CreateEnum
CREATE TYPE "Jurisdiction" AS ENUM ('GDPR', 'CCPA', 'OTHER');

-- CreateEnum
CREATE TYPE "BreakGlassReason" AS ENUM ('MALFUNCTION', 'LEGAL_REQUEST');

-- CreateEnum
CREATE TYPE "LegalRequestKind" AS ENUM ('GOVERNMENT_REQUEST', 'COURT_ORDER', 'LEGAL_PROCESS');

-- CreateEnum
CREATE TYPE "LegalRequestStatus" AS ENUM ('OPEN', 'DISCLOSED', 'CLOSED');

-- CreateEnum
CREATE TYPE "PrivacyRequestKind" AS ENUM ('ACCESS', 'DELETION', 'CORRECTION', 'STOP_SHARING');

-- CreateEnum
CREATE TYPE "PrivacyRequestStatus" AS ENUM ('RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'FULFILLED', 'REJECTED');

-- CreateEnum
CREATE TYPE "BreachStatus" AS ENUM ('OPEN', 'NOTIFYING', 'CLOSED');

-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('DRAFT', 'APPROVED', 'SENT');

-- CreateEnum
CREATE TYPE "SupportStatus" AS ENUM ('OPEN', 'ANSWERED', 'CLOSED');

-- CreateEnum
CREATE TYPE "EmailKind" AS ENUM ('POLICY_NOTICE', 'BREACH_NOTICE', 'CAMPAIGN', 'REQUEST_UPDATE', 'SUPPORT_REPLY');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Customer" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "region" TEXT,
    "jurisdiction" "Jurisdiction" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erasedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "customerId" UUID,
    "staffUserId" UUID,
    "ipAddress" TEXT NOT NULL,
    "userAgent" TEXT NOT NULL,
    "browser" TEXT NOT NULL,
    "os" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Visitor" (
    "id" UUID NOT NULL,
    "cookieId" TEXT NOT NULL,
    "customerId" UUID,
    "doNotTrackSeenAt" TIMESTAMPTZ(3),
    "gpcSeenAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mergedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Visitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentMethod" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "brand" TEXT NOT NULL,
    "last4" CHAR(4) NOT NULL,
    "expiryMonth" SMALLINT NOT NULL,
    "expiryYear" SMALLINT NOT NULL,
    "processorToken" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replacedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PaymentMethod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NewsletterSubscriber" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unsubscribedAt" TIMESTAMPTZ(3),

    CONSTRAINT "NewsletterSubscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NavigationEvent" (
    "id" UUID NOT NULL,
    "visitorId" UUID NOT NULL,
    "customerId" UUID,
    "path" TEXT NOT NULL,
    "referrer" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NavigationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerHeldRecord" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerHeldRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMPTZ(3),

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentEvent" (
    "id" UUID NOT NULL,
    "subjectKind" "ConsentSubjectKind" NOT NULL,
    "subjectId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "purpose" "Purpose" NOT NULL,
    "state" "ConsentState" NOT NULL,
    "source" "ConsentSource" NOT NULL,
    "policyVersionId" UUID,
    "jurisdiction" "Jurisdiction",
    "ipHash" TEXT,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "previousHash" TEXT,
    "hash" TEXT NOT NULL,

    CONSTRAINT "ConsentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentCurrent" (
    "subjectKind" "ConsentSubjectKind" NOT NULL,
    "subjectId" UUID NOT NULL,
    "purpose" "Purpose" NOT NULL,
    "state" "ConsentState" NOT NULL,
    "source" "ConsentSource" NOT NULL,
    "eventId" UUID NOT NULL,
    "policyVersionId" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsentCurrent_pkey" PRIMARY KEY ("subjectKind","subjectId","purpose")
);

-- CreateTable
CREATE TABLE "Processor" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ProcessorKind" NOT NULL,
    "region" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "description" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Processor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessorAgreement" (
    "id" UUID NOT NULL,
    "processorId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "purposes" "Purpose"[],
    "categories" TEXT[],
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validUntil" TIMESTAMPTZ(3) NOT NULL,
    "terminatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessorAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerApiKey" (
    "id" UUID NOT NULL,
    "processorId" UUID NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PartnerApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreakGlassGrant" (
    "id" UUID NOT NULL,
    "staffUserId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "reason" "BreakGlassReason" NOT NULL,
    "incidentRef" TEXT,
    "legalRequestId" UUID,
    "justification" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "approvedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreakGlassGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalRequest" (
    "id" UUID NOT NULL,
    "kind" "LegalRequestKind" NOT NULL,
    "authority" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "categories" TEXT[],
    "status" "LegalRequestStatus" NOT NULL DEFAULT 'OPEN',
    "legalHold" BOOLEAN NOT NULL DEFAULT true,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "LegalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalRequestSubject" (
    "legalRequestId" UUID NOT NULL,
    "customerId" UUID NOT NULL,

    CONSTRAINT "LegalRequestSubject_pkey" PRIMARY KEY ("legalRequestId","customerId")
);

-- CreateTable
CREATE TABLE "AccessEvent" (
    "id" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "principalKind" "PrincipalKind" NOT NULL,
    "principalId" UUID NOT NULL,
    "staffRole" "StaffRole",
    "purpose" "Purpose",
    "reference" TEXT,
    "category" TEXT NOT NULL,
    "fieldPath" TEXT NOT NULL,
    "operationName" TEXT,
    "requestId" TEXT NOT NULL,
    "breakGlassId" UUID,
    "legalRequestId" UUID,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "previousHash" TEXT,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AccessEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "effectiveAt" TIMESTAMPTZ(3) NOT NULL,
    "material" BOOLEAN NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" UUID,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "kind" "PrivacyRequestKind" NOT NULL,
    "status" "PrivacyRequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "jurisdiction" "Jurisdiction" NOT NULL,
    "details" TEXT NOT NULL DEFAULT '',
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "confirmBy" TIMESTAMPTZ(3),
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "extendedAt" TIMESTAMPTZ(3),
    "extensionReason" TEXT,
    "verifiedAt" TIMESTAMPTZ(3),
    "fulfilledAt" TIMESTAMPTZ(3),
    "outcome" JSONB,

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreachIncident" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "discoveredAt" TIMESTAMPTZ(3) NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "categories" TEXT[],
    "status" "BreachStatus" NOT NULL DEFAULT 'OPEN',
    "californiaResidents" INTEGER NOT NULL DEFAULT 0,
    "attorneyGeneralNoticeFlag" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreachIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreachNotice" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "whatHappened" TEXT NOT NULL,
    "whatInfo" TEXT NOT NULL,
    "whatWeAreDoing" TEXT NOT NULL,
    "whatYouCanDo" TEXT NOT NULL,
    "moreInfo" TEXT NOT NULL,
    "status" "NoticeStatus" NOT NULL DEFAULT 'DRAFT',
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "emailId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreachNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportRequest" (
    "id" UUID NOT NULL,
    "customerId" UUID,
    "replyTo" TEXT,
    "subject" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" "SupportStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMPTZ(3),

    CONSTRAINT "SupportRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" UUID NOT NULL,
    "kind" "EmailKind" NOT NULL,
    "customerId" UUID,
    "campaignId" UUID,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "status" "EmailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_email_key" ON "Customer"("email");

-- CreateIndex
CREATE INDEX "Customer_country_region_idx" ON "Customer"("country", "region");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_customerId_idx" ON "Session"("customerId");

-- CreateIndex
CREATE INDEX "Session_staffUserId_idx" ON "Session"("staffUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Visitor_cookieId_key" ON "Visitor"("cookieId");

-- CreateIndex
CREATE INDEX "Visitor_customerId_idx" ON "Visitor"("customerId");

-- CreateIndex
CREATE INDEX "PaymentMethod_customerId_idx" ON "PaymentMethod"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "NewsletterSubscriber_email_key" ON "NewsletterSubscriber"("email");

-- CreateIndex
CREATE INDEX "NavigationEvent_visitorId_occurredAt_idx" ON "NavigationEvent"("visitorId", "occurredAt");

-- CreateIndex
CREATE INDEX "NavigationEvent_customerId_occurredAt_idx" ON "NavigationEvent"("customerId", "occurredAt");

-- CreateIndex
CREATE INDEX "CustomerHeldRecord_customerId_idx" ON "CustomerHeldRecord"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentEvent_hash_key" ON "ConsentEvent"("hash");

-- CreateIndex
CREATE INDEX "ConsentEvent_subjectKind_subjectId_purpose_idx" ON "ConsentEvent"("subjectKind", "subjectId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentEvent_subjectKind_subjectId_sequence_key" ON "ConsentEvent"("subjectKind", "subjectId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentCurrent_eventId_key" ON "ConsentCurrent"("eventId");

-- CreateIndex
CREATE INDEX "ConsentCurrent_purpose_state_idx" ON "ConsentCurrent"("purpose", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Processor_name_key" ON "Processor"("name");

-- CreateIndex
CREATE INDEX "ProcessorAgreement_processorId_validUntil_idx" ON "ProcessorAgreement"("processorId", "validUntil");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessorAgreement_processorId_reference_key" ON "ProcessorAgreement"("processorId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerApiKey_keyHash_key" ON "PartnerApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "PartnerApiKey_processorId_idx" ON "PartnerApiKey"("processorId");

-- CreateIndex
CREATE INDEX "BreakGlassGrant_customerId_expiresAt_idx" ON "BreakGlassGrant"("customerId", "expiresAt");

-- CreateIndex
CREATE INDEX "BreakGlassGrant_staffUserId_expiresAt_idx" ON "BreakGlassGrant"("staffUserId", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "LegalRequest_authority_reference_key" ON "LegalRequest"("authority", "reference");

-- CreateIndex
CREATE INDEX "LegalRequestSubject_customerId_idx" ON "LegalRequestSubject"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessEvent_hash_key" ON "AccessEvent"("hash");

-- CreateIndex
CREATE INDEX "AccessEvent_principalKind_principalId_occurredAt_idx" ON "AccessEvent"("principalKind", "principalId", "occurredAt");

-- CreateIndex
CREATE INDEX "AccessEvent_occurredAt_idx" ON "AccessEvent"("occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "AccessEvent_subjectId_sequence_key" ON "AccessEvent"("subjectId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_version_key" ON "PolicyVersion"("version");

-- CreateIndex
CREATE INDEX "PolicyVersion_effectiveAt_idx" ON "PolicyVersion"("effectiveAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_status_dueAt_idx" ON "PrivacyRequest"("status", "dueAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_customerId_idx" ON "PrivacyRequest"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "BreachNotice_emailId_key" ON "BreachNotice"("emailId");

-- CreateIndex
CREATE UNIQUE INDEX "BreachNotice_incidentId_customerId_key" ON "BreachNotice"("incidentId", "customerId");

-- CreateIndex
CREATE INDEX "SupportRequest_status_createdAt_idx" ON "SupportRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_createdAt_idx" ON "OutboxEmail"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_campaignId_idx" ON "OutboxEmail"("campaignId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visitor" ADD CONSTRAINT "Visitor_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentMethod" ADD CONSTRAINT "PaymentMethod_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NavigationEvent" ADD CONSTRAINT "NavigationEvent_visitorId_fkey" FOREIGN KEY ("visitorId") REFERENCES "Visitor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NavigationEvent" ADD CONSTRAINT "NavigationEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerHeldRecord" ADD CONSTRAINT "CustomerHeldRecord_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessorAgreement" ADD CONSTRAINT "ProcessorAgreement_processorId_fkey" FOREIGN KEY ("processorId") REFERENCES "Processor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerApiKey" ADD CONSTRAINT "PartnerApiKey_processorId_fkey" FOREIGN KEY ("processorId") REFERENCES "Processor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreakGlassGrant" ADD CONSTRAINT "BreakGlassGrant_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreakGlassGrant" ADD CONSTRAINT "BreakGlassGrant_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreakGlassGrant" ADD CONSTRAINT "BreakGlassGrant_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreakGlassGrant" ADD CONSTRAINT "BreakGlassGrant_legalRequestId_fkey" FOREIGN KEY ("legalRequestId") REFERENCES "LegalRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalRequest" ADD CONSTRAINT "LegalRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalRequestSubject" ADD CONSTRAINT "LegalRequestSubject_legalRequestId_fkey" FOREIGN KEY ("legalRequestId") REFERENCES "LegalRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalRequestSubject" ADD CONSTRAINT "LegalRequestSubject_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreachNotice" ADD CONSTRAINT "BreachNotice_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "BreachIncident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreachNotice" ADD CONSTRAINT "BreachNotice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BreachNotice" ADD CONSTRAINT "BreachNotice_emailId_fkey" FOREIGN KEY ("emailId") REFERENCES "OutboxEmail"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportRequest" ADD CONSTRAINT "SupportRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;
