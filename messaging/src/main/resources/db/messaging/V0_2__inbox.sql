-- Idempotent consumer of the shopflow messaging library.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Highest sequence applied per consumer and aggregate, to recognise late (stale) events.
create table inbox_sequence (
    consumer      text   not null,
    topic         text   not null,
    record_key    text   not null,
    last_sequence bigint not null,
    primary key (consumer, topic, record_key)
);
