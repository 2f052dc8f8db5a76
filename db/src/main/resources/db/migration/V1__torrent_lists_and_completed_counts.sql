-- Torrent allow/deny lists and persisted completed (snatch) counts (design §5, issue 4).
-- Never edit a migration that has been released: add V2__... instead (Flyway checks the checksums).

CREATE TABLE torrent_list (
    info_hash   BYTEA        NOT NULL PRIMARY KEY,
    list        VARCHAR(5)   NOT NULL,
    name        VARCHAR(1024),
    -- Who listed it: the admin API puts its caller here; plain SQL gets the database role.
    created_by  VARCHAR(255) NOT NULL DEFAULT current_user,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CONSTRAINT torrent_list_info_hash_20_bytes CHECK (octet_length(info_hash) = 20),
    CONSTRAINT torrent_list_list_allow_or_deny CHECK (list IN ('allow', 'deny'))
);

-- Snapshot loads read one list at a time.
CREATE INDEX torrent_list_by_list ON torrent_list (list, info_hash);

CREATE TABLE completed_count (
    info_hash  BYTEA  NOT NULL PRIMARY KEY,
    completed  BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT completed_count_info_hash_20_bytes CHECK (octet_length(info_hash) = 20),
    CONSTRAINT completed_count_not_negative CHECK (completed >= 0)
);

-- Every tracker process keeps the lists in memory and LISTENs on this channel. Payloads:
--   <n>:+:<40 hex>:<allow|deny>   the row is now on that list
--   <n>:-:<40 hex>                the row is gone
--   <n>:*                         reload the whole table
-- <n> is unique per message because PostgreSQL drops a notification whose payload repeats one already sent
-- in the same transaction: insert, delete and insert again of one hash would otherwise lose the last insert.
-- Statements that touch more than 1000 rows (bulk imports) send one reload instead of a message per row, so a
-- million-line import does not queue a million messages for every listener.
CREATE SEQUENCE torrent_list_change_seq;

CREATE FUNCTION torrent_list_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed BIGINT;
    r RECORD;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('bittern_torrent_list', nextval('torrent_list_change_seq') || ':*');
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        SELECT count(*) INTO changed FROM old_rows;
    ELSE
        SELECT count(*) INTO changed FROM new_rows;
    END IF;
    IF changed > 1000 THEN
        PERFORM pg_notify('bittern_torrent_list', nextval('torrent_list_change_seq') || ':*');
        RETURN NULL;
    END IF;
    -- Removals first: an UPDATE that keeps the hash but moves it between lists is "-" then "+".
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        FOR r IN SELECT info_hash FROM old_rows LOOP
            PERFORM pg_notify('bittern_torrent_list',
                    nextval('torrent_list_change_seq') || ':-:' || encode(r.info_hash, 'hex'));
        END LOOP;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        FOR r IN SELECT info_hash, list FROM new_rows LOOP
            PERFORM pg_notify('bittern_torrent_list',
                    nextval('torrent_list_change_seq') || ':+:' || encode(r.info_hash, 'hex') || ':' || r.list);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;

-- Transition tables need one trigger per event.
CREATE TRIGGER torrent_list_notify_insert AFTER INSERT ON torrent_list
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION torrent_list_notify();
CREATE TRIGGER torrent_list_notify_update AFTER UPDATE ON torrent_list
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION torrent_list_notify();
CREATE TRIGGER torrent_list_notify_delete AFTER DELETE ON torrent_list
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION torrent_list_notify();
CREATE TRIGGER torrent_list_notify_truncate AFTER TRUNCATE ON torrent_list
    FOR EACH STATEMENT EXECUTE FUNCTION torrent_list_notify();
