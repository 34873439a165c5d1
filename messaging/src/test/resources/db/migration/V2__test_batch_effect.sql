-- What the batch listener's effect writes: one row per application, deliberately without a unique key, so an event
-- applied twice shows as two rows.
create table test_batch_effect (
    event_id   uuid not null,
    record_key text not null
);
