-- Each owner's webhook signing secret. secret signs every event of the owner's jobs; after a rotation
-- previous_secret signs them too until previous_expires_at (the overlap window, so receivers can switch). shown_at is
-- when the secret was last handed out by the API (it is shown once: when created or rotated). Times are epoch ms.
CREATE TABLE webhook_secrets (
    owner_id TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_expires_at BIGINT,
    created_at BIGINT NOT NULL,
    rotated_at BIGINT,
    shown_at BIGINT
);
