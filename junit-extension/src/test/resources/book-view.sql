-- What the entities do not describe: a view over their tables.
CREATE VIEW book_titles AS SELECT b.title, a.email FROM Book b JOIN Author a ON a.id = b.author_id;
