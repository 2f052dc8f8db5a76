package org.bittern.persistence;

/**
 * Brings the PostgreSQL schema up to date before anything in the process reads it. The WAR's implementation runs
 * the Flyway migrations ({@code tracker.db.migrate}); a process without one (the sidecar today) expects an operator
 * to have migrated. The lists snapshot asks every implementation before its first load, whatever order the runtime
 * starts beans in.
 */
public interface DatabaseSchema {

    /**
     * Idempotent, and cheap after the first call.
     *
     * @throws RuntimeException (one line) when the schema cannot be brought up to date: the start must fail
     */
    void ensureCurrent();
}
