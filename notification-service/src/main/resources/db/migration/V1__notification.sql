-- One row per mail: rendered once in the inbox transaction, then delivered by the sender loop.
create table notification (
    id              uuid         primary key,
    order_id        uuid         not null,
    kind            varchar(32)  not null,
    event_id        varchar(64)  not null,
    recipient       varchar(320) not null,
    subject         varchar(998) not null,
    text_body       text         not null,
    html_body       text         not null,
    status          varchar(16)  not null,
    attempts        integer      not null default 0,
    last_error      text,
    next_attempt_at timestamptz  not null,
    created_at      timestamptz  not null,
    sent_at         timestamptz,
    message_id      varchar(255) not null,
    -- The causing event sends at most one mail, and an order gets at most one mail of each kind.
    constraint notification_event_uk unique (event_id),
    constraint notification_order_kind_uk unique (order_id, kind),
    constraint notification_status_ck check (status in ('PENDING', 'SENT'))
);

-- The sender's claim query only ever looks at pending rows; the partial index stays as small as the backlog.
create index notification_due_idx on notification (next_attempt_at) where status = 'PENDING';
create index notification_pending_created_idx on notification (created_at) where status = 'PENDING';
