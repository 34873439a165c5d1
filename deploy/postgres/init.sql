-- Runs once, on the first start of an empty PostgreSQL (compose, and the k8s local overlay: the same file): one login
-- role per service owning only its own database, the schema registry's, and a read-only role for people and tools.
-- Nobody but the owner may connect to a database (CONNECT is revoked from PUBLIC); no role here is a superuser or
-- may create roles or databases. Passwords are not in this file: passwords.sh sets them next from mounted files.
-- testkit's PostgresRolesTests runs this very file and proves one service's role cannot reach another's data.
CREATE ROLE order_service LOGIN;
CREATE ROLE payment_service LOGIN;
CREATE ROLE inventory_service LOGIN;
CREATE ROLE notification_service LOGIN;
CREATE ROLE registry LOGIN;
-- Reads every database (chaos' invariant checks, support); writes none. pg_read_all_data: PostgreSQL 14+.
CREATE ROLE shopflow_reader LOGIN;
GRANT pg_read_all_data TO shopflow_reader;

CREATE DATABASE orders OWNER order_service;
CREATE DATABASE payments OWNER payment_service;
CREATE DATABASE inventory OWNER inventory_service;
CREATE DATABASE notifications OWNER notification_service;
CREATE DATABASE registry OWNER registry;

REVOKE ALL ON DATABASE orders FROM PUBLIC;
REVOKE ALL ON DATABASE payments FROM PUBLIC;
REVOKE ALL ON DATABASE inventory FROM PUBLIC;
REVOKE ALL ON DATABASE notifications FROM PUBLIC;
REVOKE ALL ON DATABASE registry FROM PUBLIC;

GRANT CONNECT ON DATABASE orders TO shopflow_reader;
GRANT CONNECT ON DATABASE payments TO shopflow_reader;
GRANT CONNECT ON DATABASE inventory TO shopflow_reader;
GRANT CONNECT ON DATABASE notifications TO shopflow_reader;
