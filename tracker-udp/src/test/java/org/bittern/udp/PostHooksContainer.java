package org.bittern.udp;

import org.bittern.logic.PostHooks;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** The smallest container that makes a real {@link PostHooks}, for tests that build their Tracker by hand. */
final class PostHooksContainer implements AutoCloseable {
    private final WeldContainer container =
            new Weld().disableDiscovery().addBeanClasses(PostHooks.class).initialize();

    PostHooks postHooks() {
        return container.select(PostHooks.class).get();
    }

    @Override
    public void close() {
        container.close();
    }
}
