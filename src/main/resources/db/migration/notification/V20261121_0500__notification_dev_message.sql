-- The dev inbox: what Bastion would have sent by SMS or e-mail. Only the dev profile writes here (it is
-- the one place a one-time code may be stored); in prod the table exists but stays empty.
CREATE TABLE notification_dev_message (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel   text        NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient text        NOT NULL CHECK (length(recipient) BETWEEN 1 AND 254),
    subject   text        CHECK (subject IS NULL OR length(subject) <= 200),
    body      text        NOT NULL CHECK (length(body) <= 100000),
    sent_at   timestamptz NOT NULL,
    CHECK ((channel = 'sms') = (subject IS NULL))
);

CREATE INDEX notification_dev_message_newest ON notification_dev_message (sent_at DESC, id DESC);
CREATE INDEX notification_dev_message_recipient ON notification_dev_message (recipient, sent_at DESC, id DESC);
