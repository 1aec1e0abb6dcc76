-- KeepOnFailureTests on PostgreSQL: a generated column, which a copy must leave to the server
ALTER TABLE authors ADD COLUMN shout VARCHAR(100) GENERATED ALWAYS AS (upper(name)) STORED;
-- an array of an enum (binary COPY would carry the enum's oid, which differs in the copy) and a partitioned table
CREATE TYPE mood AS ENUM ('calm', 'cross');
ALTER TABLE authors ADD COLUMN moods mood[] NOT NULL DEFAULT '{calm,cross}';
CREATE TABLE events (at DATE NOT NULL, what VARCHAR(100) NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO events VALUES ('2026-05-01', 'seeded event');
