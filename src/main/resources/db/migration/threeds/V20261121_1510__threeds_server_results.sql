-- Where the ACS sends the cardholder's browser when a challenge ends (the AReq's notificationURL).
alter table threeds_transaction add column notification_url text;

-- The 3DS Server's record of each final result an RReq delivered: the merchant side reads the outcome of a
-- challenge here, never from the browser. The first RReq for a transaction is the one that counts.
create table threeds_server_result (
    server_trans_id      text primary key,
    ds_trans_id          text not null,
    acs_trans_id         text not null,
    trans_status         text not null check (trans_status in ('Y', 'N', 'U', 'A', 'R')),
    trans_status_reason  text,
    eci                  text,
    authentication_value text,
    challenge_cancel     text,
    received_at          timestamptz not null
);
