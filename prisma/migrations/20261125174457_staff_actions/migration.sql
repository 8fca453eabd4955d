-- CreateEnum
CREATE TYPE "StaffActionOutcome" AS ENUM ('ATTEMPTED', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "StaffAction" (
    "id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "previousHash" TEXT,
    "hash" TEXT NOT NULL DEFAULT '',
    "requestId" TEXT NOT NULL,
    "staffUserId" UUID NOT NULL,
    "staffRole" "StaffRole" NOT NULL,
    "action" TEXT NOT NULL,
    "arguments" JSONB NOT NULL DEFAULT '{}',
    "purpose" "Purpose",
    "reference" TEXT,
    "outcome" "StaffActionOutcome" NOT NULL,
    "errorCode" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffActionChainHead" (
    "staffUserId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "StaffActionChainHead_pkey" PRIMARY KEY ("staffUserId")
);

-- CreateIndex
CREATE INDEX "StaffAction_occurredAt_idx" ON "StaffAction"("occurredAt");

-- CreateIndex
CREATE INDEX "StaffAction_action_occurredAt_idx" ON "StaffAction"("action", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffAction_staffUserId_sequence_key" ON "StaffAction"("staffUserId", "sequence");

-- What an action's hash covers, as text: its columns as a JSON array in a fixed order (the
-- time as epoch milliseconds; the arguments as jsonb prints them, which is canonical).
CREATE FUNCTION "privet_staff_action_content"(a "StaffAction") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    a."staffUserId", a."sequence", a."requestId", a."staffRole", a."action", a."arguments",
    a."purpose", a."reference", a."outcome", a."errorCode",
    floor(extract(epoch FROM a."occurredAt") * 1000)::bigint
  )::text
$$;

-- An action's link: sha256 of the previous action's hash in its chain and its own content.
CREATE FUNCTION "privet_staff_action_hash"(a "StaffAction") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    COALESCE(a."previousHash", 'genesis') || E'\n' || "privet_staff_action_content"(a), 'UTF8')), 'hex')
$$;

-- Links each new action into its staff member's chain; the head row's lock makes one staff
-- member's concurrent requests link one after another (as for AccessRecord).
CREATE FUNCTION "privet_staff_action_chain"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head "StaffActionChainHead"%ROWTYPE;
BEGIN
  INSERT INTO "StaffActionChainHead" AS h ("staffUserId", "sequence", "hash")
  VALUES (NEW."staffUserId", 0, '')
  ON CONFLICT ("staffUserId") DO UPDATE SET "sequence" = h."sequence"
  RETURNING h.* INTO head;
  NEW."sequence" := head."sequence" + 1;
  NEW."previousHash" := NULLIF(head."hash", '');
  NEW."hash" := "privet_staff_action_hash"(NEW);
  UPDATE "StaffActionChainHead" SET "sequence" = NEW."sequence", "hash" = NEW."hash"
  WHERE "staffUserId" = NEW."staffUserId";
  RETURN NEW;
END;
$$;

CREATE TRIGGER "StaffAction_chain"
  BEFORE INSERT ON "StaffAction"
  FOR EACH ROW EXECUTE FUNCTION "privet_staff_action_chain"();

-- Staff actions are history: once written, never changed or removed.
CREATE TRIGGER "StaffAction_append_only"
  BEFORE UPDATE OR DELETE ON "StaffAction"
  FOR EACH ROW EXECUTE FUNCTION "privet_refuse_history_rewrite"();
CREATE TRIGGER "StaffAction_no_truncate"
  BEFORE TRUNCATE ON "StaffAction"
  FOR EACH STATEMENT EXECUTE FUNCTION "privet_refuse_history_rewrite"();
