-- ReuseTests: when the schema was built; a run that adopts the kept template sees the same time
CREATE TABLE built (at timestamptz NOT NULL DEFAULT clock_timestamp());
INSERT INTO built DEFAULT VALUES;
