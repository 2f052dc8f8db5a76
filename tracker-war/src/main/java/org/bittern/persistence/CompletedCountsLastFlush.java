package org.bittern.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import org.bittern.completed.CompletedCounts;

/**
 * Writes the pending completed counts when the application stops, before the beans the flush needs are destroyed
 * (CDI destroys in no set order, so the producer's disposer alone could run after the persistence unit is gone).
 * That is on undeploy and on server stop alike: Payara Micro stops the application from its JVM shutdown hook on
 * SIGTERM, while the container's datasource still works (ListsIT).
 */
@ApplicationScoped
public class CompletedCountsLastFlush {

    static void beforeUndeploy(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event,
            CompletedCounts counts) {
        counts.close();
    }
}
