-- KeepOnFailureTests on H2: a generated column, which a copy must leave to the database
ALTER TABLE authors ADD COLUMN shout VARCHAR(100) GENERATED ALWAYS AS (UPPER(name));
