-- Seed rows of one table that reference each other, the first a later one (NonTransactionalTests): PostgreSQL takes
-- them back in one COPY, whose foreign keys are checked at its end; H2 checks each row as it arrives, and refuses.
CREATE TABLE staff (
    id      INT PRIMARY KEY,
    name    VARCHAR(20) NOT NULL,
    boss_id INT REFERENCES staff (id)
);

INSERT INTO staff (id, name) VALUES (1, 'ann'), (2, 'bo');
UPDATE staff SET boss_id = 2 WHERE id = 1;
