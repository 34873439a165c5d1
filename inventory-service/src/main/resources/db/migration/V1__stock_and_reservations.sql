-- Stock per SKU. Units only move between the three counters, so available + reserved + sold is what was put in;
-- the checks make overselling impossible even for a bug in the service.
create table stock_item (
    sku        text        primary key,
    available  integer     not null check (available >= 0),
    reserved   integer     not null check (reserved >= 0),
    sold       integer     not null check (sold >= 0),
    created_at timestamptz not null,
    updated_at timestamptz not null
);

-- One stock decision per order; the primary key is what makes a second OrderPlaced of an order a no-op and what
-- serialises a reservation with a concurrent cancellation of the same order.
create table reservation (
    order_id         text        primary key,
    status           text        not null check (status in ('RESERVED', 'RELEASED', 'SOLD', 'REJECTED', 'CANCELLED')),
    rejection_reason text,
    detail           text        not null default '',
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create table reservation_line (
    order_id text    not null references reservation (order_id),
    sku      text    not null,
    quantity integer not null,
    primary key (order_id, sku)
);

-- Standing reservations, for the conservation check and operators.
create index reservation_reserved_idx on reservation (status) where status = 'RESERVED';
