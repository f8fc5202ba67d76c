CREATE TABLE t (id INTEGER PRIMARY KEY, status TEXT, updated_at TEXT);
CREATE TRIGGER t_touch AFTER UPDATE ON t
WHEN old.status IS NOT new.status
BEGIN
  UPDATE t SET updated_at = CASE WHEN new.status = 'done' THEN datetime('now') ELSE NULL END
   WHERE id = new.id;
  INSERT INTO audit (row_id, note) VALUES (new.id, 'status; changed');
END;
CREATE TEMP TRIGGER IF NOT EXISTS t_guard BEFORE DELETE ON t
BEGIN
  SELECT CASE WHEN old.status = 'locked' THEN RAISE(ABORT, 'locked') END;
  SELECT CASE old.status WHEN 'a' THEN CASE WHEN 1 THEN 2 END ELSE 3 END;
END;
CREATE TRIGGER t_when AFTER INSERT ON t
WHEN CASE new.status WHEN 'x' THEN 1 ELSE 0 END
BEGIN
  DELETE FROM t WHERE id = new.id;
END;
DROP TRIGGER IF EXISTS old_trigger;
INSERT INTO t (status) VALUES ('begin; end');
