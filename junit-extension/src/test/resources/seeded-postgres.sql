-- Seed rows of PostgreSQL's own kinds (NonTransactionalTests): an enum, an array, jsonb, a generated column, an
-- identity restarted elsewhere after the seed rows (a migration that reserves ids), a serial column, and a trigger that
-- writes a row into another table for every row inserted, which must not fire when dbtest puts the seed rows back.
CREATE TYPE label_kind AS ENUM ('plain', 'fancy');

CREATE TABLE labels (
    id    INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  TEXT NOT NULL,
    shout TEXT GENERATED ALWAYS AS (upper(name)) STORED,
    kind  label_kind NOT NULL,
    tags  TEXT[] NOT NULL,
    doc   JSONB NOT NULL
);

CREATE TABLE label_audit (
    id    SERIAL PRIMARY KEY,
    label TEXT NOT NULL
);

CREATE FUNCTION audit_label() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO label_audit (label) VALUES (NEW.name);
    RETURN NEW;
END
$$;

CREATE TRIGGER labels_audited AFTER INSERT ON labels FOR EACH ROW EXECUTE FUNCTION audit_label();

INSERT INTO labels (name, kind, tags, doc) VALUES ('red', 'fancy', ARRAY['warm', 'bright'], '{"hex": "#f00"}');

ALTER TABLE labels ALTER COLUMN id RESTART WITH 500;

CREATE TABLE stickers (
    id       SERIAL PRIMARY KEY,
    label_id INT NOT NULL REFERENCES labels (id)
);

INSERT INTO stickers (label_id) VALUES (1);

-- A table that inherits from another: a TRUNCATE of the parent empties it too, and a SELECT of the parent reads its rows.
CREATE TABLE events (
    id   INT PRIMARY KEY,
    what TEXT NOT NULL
);

CREATE TABLE urgent_events (
    level INT NOT NULL
) INHERITS (events);

INSERT INTO events (id, what) VALUES (1, 'boot');
INSERT INTO urgent_events (id, what, level) VALUES (2, 'fire', 9);
