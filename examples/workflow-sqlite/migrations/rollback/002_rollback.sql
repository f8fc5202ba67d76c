-- Rollback for 002_create_workflow_tables.sql

DROP TABLE workflow_schedules;
DROP TABLE workflow_steps;
DROP TABLE workflows;
DROP TABLE api_parameters;
DROP TABLE api_endpoints;
