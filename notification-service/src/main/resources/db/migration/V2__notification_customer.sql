-- The customer an order mail is about (the order event's customerId), so customers can read their own mails.
-- Nullable, not backfilled: this database never kept the order events' customer, and a recipient address is no
-- customer id, so rows recorded before this migration cannot be given an owner here. They stay readable by admins
-- only (a customer's filter never matches null). Every row recorded from now on has it (the three order events carry
-- it). text, not varchar(n): a longer id in an event must not fail the insert and dead-letter the mail.
alter table notification add column customer_id text;

-- GET /notifications for a customer (its mails, newest first) and for an admin (all mails, newest first).
create index notification_customer_created_idx on notification (customer_id, created_at);
create index notification_created_idx on notification (created_at);
