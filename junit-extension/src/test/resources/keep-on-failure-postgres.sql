-- KeepOnFailureTests on PostgreSQL: a generated column, which a copy must leave to the server
ALTER TABLE authors ADD COLUMN shout VARCHAR(100) GENERATED ALWAYS AS (upper(name)) STORED;
