INSERT INTO notes (body) VALUES ('a;b'), ('it''s; fine');
SELECT 'x' AS "odd;name", "quoted "" ident;" FROM t;
SELECT '-- not a comment;', '/* nor this; */';
SELECT 'c:\path\', 'x;y';
