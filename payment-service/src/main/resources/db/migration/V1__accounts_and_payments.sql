-- Customer credit accounts. Amounts are minor units of the account currency (one currency per deployment).
create table account (
    customer_id  text        primary key,
    currency     text        not null,
    credit_limit bigint      not null check (credit_limit >= 0),
    available    bigint      not null check (available >= 0),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    -- Credit in use (credit_limit - available) is never negative: a refund cannot create credit.
    constraint account_available_within_limit check (available <= credit_limit)
);

-- One payment decision per order; the unique order id is what makes a second OrderPlaced of an order a no-op
-- and what serialises an authorization with a concurrent cancellation of the same order.
create table payment (
    id             uuid        primary key,
    order_id       text        not null,
    customer_id    text        not null,
    amount_minor   bigint      not null,
    currency       text        not null,
    status         text        not null check (status in ('AUTHORIZED', 'DECLINED', 'REFUNDED', 'CANCELLED')),
    decline_reason text,
    detail         text        not null default '',
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    constraint payment_order_unique unique (order_id)
);

create index payment_customer_idx on payment (customer_id);
-- The credit-used check (sum of standing authorizations) reads only these rows.
create index payment_authorized_idx on payment (status) where status = 'AUTHORIZED';
