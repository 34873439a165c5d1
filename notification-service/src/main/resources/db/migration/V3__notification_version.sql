-- Optimistic-locking version of a mail (JPA @Version). Every change already goes through a row lock; the version is
-- the safety net, and a null version tells Spring Data that a mail is new, so it is inserted without a SELECT first.
-- Adding a column with a constant default rewrites no rows (PostgreSQL 11+).
alter table notification add column version bigint not null default 0;
