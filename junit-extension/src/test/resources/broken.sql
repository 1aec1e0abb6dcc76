-- A script with a mistake on line 5.
CREATE TABLE fine (id INT PRIMARY KEY);

INSERT INTO fine VALUES (1);
INSERT INTO missing VALUES (1);
