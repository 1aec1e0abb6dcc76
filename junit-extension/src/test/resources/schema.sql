-- The tables of dbtest's own tests; runs on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE items (
    id   INT PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE
);

CREATE TABLE notes (
    id   INT PRIMARY KEY,
    body VARCHAR(200)
);
