-- leading comment; with a semicolon
CREATE TABLE a (id int); -- trailing; comment
/* block; comment */ CREATE TABLE b (id int);
CREATE TABLE c (
  id int -- inline; comment
  /* inner ; block */
);
/* multi-line
   block; comment */
CREATE TABLE d (id int);
