CREATE TABLE broken (id int,;
SELECT $1, $tag$ unterminated