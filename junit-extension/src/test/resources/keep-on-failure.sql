-- KeepOnFailureTests: a parent with an identity column, a child with a serial one, and a seeded row
CREATE TABLE authors (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name VARCHAR(100) NOT NULL);
CREATE TABLE books (id SERIAL PRIMARY KEY, author_id BIGINT NOT NULL REFERENCES authors (id), title VARCHAR(200) NOT NULL);
INSERT INTO authors (name) VALUES ('seeded');
