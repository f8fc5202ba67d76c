-- Rollback for 001_create_core_tables.sql
-- Children are dropped before the tables they reference. Dropping roles also
-- removes the four reference rows inserted by the migration.

DROP TABLE environments;
DROP TABLE projects;
DROP TABLE user_workspaces;
DROP TABLE workspaces;
DROP TABLE users;
DROP TABLE roles;
