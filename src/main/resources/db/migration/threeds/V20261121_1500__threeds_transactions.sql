-- One row per authentication the ACS answers: the decision, the challenge state and the results exchange.
-- The card is held only as the vault token reference; the one-time code only as a keyed hash.
create table threeds_transaction (
    acs_trans_id         text primary key,
    ds_trans_id          text not null unique,
    server_trans_id      text not null,
    acs_name             text not null,
    card_token           text not null,
    amount               bigint not null check (amount >= 0),
    currency             text not null check (currency ~ '^[0-9]{3}$'),
    merchant_id          text not null,
    merchant_name        text not null,
    device_id            text,
    status               text not null,
    trans_status         text not null check (trans_status in ('Y', 'N', 'U', 'A', 'C', 'R')),
    trans_status_reason  text,
    eci                  text,
    challenge_cancel     text,
    phone_last_digits    text,
    otp_hash             bytea,
    otp_expires_at       timestamptz,
    attempts             integer not null default 0 check (attempts >= 0),
    resends              integer not null default 0 check (resends >= 0),
    last_activity_at     timestamptz not null,
    created_at           timestamptz not null,
    results_trans_status text,
    results_status       text,
    -- The value the RReq carried to the 3DS Server; authorization verifies it once (threeds_used_value).
    authentication_value text
);

create index threeds_transaction_pending_idx on threeds_transaction (last_activity_at) where status = 'CHALLENGE_PENDING';

-- Devices and merchants a card authenticated with before: the ACS's memory for frictionless decisions.
create table threeds_known_device (
    card_token  text not null,
    device_id   text not null,
    merchant_id text not null,
    first_seen  timestamptz not null,
    primary key (card_token, device_id, merchant_id)
);

-- Keyed hashes of authentication values authorization has accepted: a value is good for one payment.
create table threeds_used_value (
    value_hash bytea primary key,
    used_at    timestamptz not null
);

-- The test network's frictionless card is known on one test device at every merchant ('*'); real cards
-- only ever get rows for merchants they authenticated with.
insert into threeds_known_device (card_token, device_id, merchant_id, first_seen)
values ('tok_testfrictionless', 'dev_testknown', '*', timestamptz '2026-11-21 00:00:00+00');
