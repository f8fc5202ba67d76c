-- header comment
PRAGMA foreign_keys = ON;
BEGIN TRANSACTION; INSERT INTO t(name) VALUES ("double quoted"), (?), (:param), (@x), ($y);
COMMIT;
/* block */ VACUUM;
END TRANSACTION
