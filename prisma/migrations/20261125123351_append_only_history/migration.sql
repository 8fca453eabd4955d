-- The consent ledger and the audit log are append-only: history is never rewritten, not
-- even by a bug in Privet. A withdrawal is a new consent event; an erasure anonymises the
-- Customer row, which neither log references by anything but its id.
-- (Hand-written: Prisma does not model triggers, so the drift check ignores them.)
CREATE FUNCTION "privet_refuse_history_rewrite"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'privet: % on "%" is refused: this history is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'record a new event instead of changing or removing an old one';
END;
$$;

CREATE TRIGGER "ConsentEvent_append_only"
  BEFORE UPDATE OR DELETE ON "ConsentEvent"
  FOR EACH ROW EXECUTE FUNCTION "privet_refuse_history_rewrite"();
CREATE TRIGGER "ConsentEvent_no_truncate"
  BEFORE TRUNCATE ON "ConsentEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "privet_refuse_history_rewrite"();

CREATE TRIGGER "AccessEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AccessEvent"
  FOR EACH ROW EXECUTE FUNCTION "privet_refuse_history_rewrite"();
CREATE TRIGGER "AccessEvent_no_truncate"
  BEFORE TRUNCATE ON "AccessEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "privet_refuse_history_rewrite"();
