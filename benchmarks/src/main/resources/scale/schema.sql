-- The schema of the scale-out suite (dev.dbtest.benchmarks.scale): four tables that the 100 classes share, 25 classes
-- on each, so that tests running at once write to the same tables (and their identity sequences).
CREATE TABLE scale_customers (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE scale_orders (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE scale_invoices (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE scale_events (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX scale_events_tag ON scale_events (tag);
