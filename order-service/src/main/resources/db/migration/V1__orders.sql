-- Write side: the order aggregate and its saga state.
create table orders (
    id              uuid primary key,
    customer_id     varchar(100) not null,
    customer_email  varchar(320) not null,
    currency        varchar(3)     not null,
    total_minor     bigint       not null check (total_minor >= 0),
    status          varchar(16)  not null check (status in ('PENDING', 'CONFIRMED', 'CANCELLED')),
    reason          varchar(32),
    detail          text,
    payment_result  varchar(16),
    stock_result    varchar(16),
    placed_at       timestamptz  not null,
    decided_at      timestamptz,
    version         bigint       not null default 0
);
-- The deadline reaper scans only pending orders, oldest first.
create index orders_pending_placed_at on orders (placed_at) where status = 'PENDING';

create table order_lines (
    order_id          uuid         not null references orders (id) on delete cascade,
    line_no           integer      not null,
    sku               varchar(64)  not null,
    quantity          integer      not null check (quantity > 0),
    unit_price_minor  bigint       not null check (unit_price_minor >= 0),
    primary key (order_id, line_no)
);

-- Idempotency-Key of POST /orders: kept at least 24 h, then removed by a scheduled cleanup.
create table idempotency_keys (
    idem_key     varchar(255) primary key,
    fingerprint  varchar(64)     not null,
    order_id     uuid         not null,
    created_at   timestamptz  not null
);
create index idempotency_keys_created_at on idempotency_keys (created_at);

-- Read side (CQRS): projected from the orders, payments and inventory topics; can be truncated and replayed.
create table order_view (
    order_id     uuid primary key,
    customer_id  varchar(100),
    status       varchar(16),
    reason       varchar(32),
    detail       text,
    total_minor  bigint,
    currency     varchar(3),
    placed_at    timestamptz
);
create index order_view_list on order_view (placed_at desc, order_id);
create index order_view_customer on order_view (customer_id, placed_at desc);
create index order_view_status on order_view (status, placed_at desc);

create table order_view_line (
    order_id          uuid         not null,
    line_no           integer      not null,
    sku               varchar(64)  not null,
    quantity          integer      not null,
    unit_price_minor  bigint       not null,
    primary key (order_id, line_no)
);

create table order_timeline (
    event_id  varchar(36)  primary key,
    order_id  uuid         not null,
    type      varchar(64)  not null,
    at        timestamptz  not null,
    source    varchar(64)  not null,
    detail    text
);
create index order_timeline_order on order_timeline (order_id, at);
