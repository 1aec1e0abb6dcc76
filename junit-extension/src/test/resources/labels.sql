-- The labels table alone, for fixtures on a schema from scripts (FixturesTests).
CREATE TABLE labels (
    id UUID PRIMARY KEY,
    name VARCHAR(10) NOT NULL UNIQUE
);
