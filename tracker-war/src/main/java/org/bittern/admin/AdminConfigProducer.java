package org.bittern.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes {@link AdminConfig} injectable; read once, on first use. */
@ApplicationScoped
public class AdminConfigProducer {
    /** {@code @Singleton}: a record is final, so it cannot have the client proxy of a normal scope. */
    @Produces
    @Singleton
    AdminConfig adminConfig() {
        return AdminConfig.from(ConfigProvider.getConfig());
    }
}
