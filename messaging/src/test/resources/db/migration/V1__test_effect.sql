-- What the test listener's effect writes: one row per applied event.
create table test_effect (
    event_id        uuid primary key,
    record_key      text   not null,
    sequence        bigint not null,
    mdc_correlation text,
    causation_seen  text
);
