package org.bittern.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.bittern.completed.CompletedCountsDatabase;

/**
 * Provides the test's {@link CompletedCountsDatabase} to a Weld SE container, as the sidecar's persistence unit does:
 * it outlives the containers, so a second container reads what the first wrote.
 */
@ApplicationScoped
public class TestCompletedCountsDatabase {

    static volatile CompletedCountsDatabase current;

    @Produces
    CompletedCountsDatabase database() {
        return current;
    }
}
