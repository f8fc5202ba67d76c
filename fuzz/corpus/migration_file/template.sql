-- Migration: x
-- Created: 2025-11-20
-- Phase 1: EXPAND
\set ON_ERROR_STOP on
BEGIN;
CREATE TABLE t (a int);
COMMIT;
-- Phase 3: CONTRACT
ALTER TABLE t ALTER a SET NOT NULL;
-- Rollback: drop it
DROP TABLE t;
-- Validation:
-- SELECT 1;
