-- Runs once, on the first start of the compose Postgres (an empty data volume): one database per service,
-- plus the schema registry's. All owned by the compose superuser `shopflow` (local development only).
CREATE DATABASE orders;
CREATE DATABASE payments;
CREATE DATABASE inventory;
CREATE DATABASE notifications;
CREATE DATABASE registry;
