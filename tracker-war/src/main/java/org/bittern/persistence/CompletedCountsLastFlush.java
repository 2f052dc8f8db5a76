package org.bittern.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import org.bittern.completed.CompletedCounts;

/**
 * Writes the pending completed counts when the WAR is undeployed, before the beans the flush needs are destroyed
 * (CDI destroys in no set order, so the producer's disposer alone could run after the persistence unit is gone).
 */
@ApplicationScoped
public class CompletedCountsLastFlush {

    static void beforeUndeploy(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event,
            CompletedCounts counts) {
        counts.close();
    }
}
