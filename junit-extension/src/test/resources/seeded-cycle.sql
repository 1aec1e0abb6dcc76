-- Seed rows of two tables that reference each other (NonTransactionalTests): a superuser puts them back with foreign
-- keys off; a user who is none cannot, as one of the two tables comes back first and its keys are checked then.
CREATE TABLE teams (
    id      INT PRIMARY KEY,
    lead_id INT
);

CREATE TABLE members (
    id      INT PRIMARY KEY,
    team_id INT NOT NULL REFERENCES teams (id)
);

ALTER TABLE teams ADD FOREIGN KEY (lead_id) REFERENCES members (id);

INSERT INTO teams (id) VALUES (1);
INSERT INTO members (id, team_id) VALUES (10, 1);
UPDATE teams SET lead_id = 10 WHERE id = 1;
