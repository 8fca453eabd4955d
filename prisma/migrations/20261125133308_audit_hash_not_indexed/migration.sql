-- DropIndex
DROP INDEX "AccessEvent_hash_key";
