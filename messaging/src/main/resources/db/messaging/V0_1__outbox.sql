-- Transactional outbox of the shopflow messaging library. Aggregate type = topic, aggregate id = record key
-- (one topic per aggregate), so they are not stored twice.
create table outbox_event (
    id             bigserial   primary key,
    event_id       uuid        not null,
    topic          text        not null,
    record_key     text        not null,
    event_type     text        not null,
    sequence       bigint      not null,
    payload        bytea       not null,  -- Avro, Confluent wire format (magic byte + 4-byte schema id)
    traceparent    text,
    correlation_id text        not null,
    causation_id   text,
    created_at     timestamptz not null default now()
);

-- Per (topic, key) counter: the upsert's row lock serialises appends for one key (see Outbox).
create table outbox_sequence (
    topic         text   not null,
    record_key    text   not null,
    last_sequence bigint not null,
    primary key (topic, record_key)
);

-- Rows the relay could not publish (poison) and rows of the same key held behind them to keep per-key order.
create table outbox_failed (
    id             bigint      primary key,
    event_id       uuid        not null,
    topic          text        not null,
    record_key     text        not null,
    event_type     text        not null,
    sequence       bigint      not null,
    payload        bytea       not null,
    traceparent    text,
    correlation_id text        not null,
    causation_id   text,
    created_at     timestamptz not null,
    failed_at      timestamptz not null default now(),
    error          text        not null
);
create index outbox_failed_key on outbox_failed (topic, record_key);

-- One notification per inserting statement wakes the relay as soon as the appending transaction commits.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('shopflow_outbox', '');
    return null;
end $$;

create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_notify();
