-- A second schema definition: classes that add this script get a database of their own.
CREATE TABLE tags (
    id   INT PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);
