package org.bittern.persistence;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl;

/**
 * Hibernate's datasource connection provider, given the server's datasource when {@code tracker.db.datasource} names
 * one. The container passes Hibernate the persistence unit's {@code jta-data-source}, which must be a fixed name in
 * persistence.xml (Payara does not replace properties there); an explicit {@code hibernate.connection.provider_class}
 * comes first in Hibernate's choice of provider, so this class can swap the datasource on either server. Without the
 * key the container's datasource is used as before. A JTA datasource of the server enlists its connections itself.
 */
public class ConfiguredDataSourceConnectionProvider extends DatasourceConnectionProviderImpl {

    @Override
    public void configure(Map<String, Object> configuration) {
        var config = ConfigProvider.getConfig();
        if (TrackerDataSource.serverDataSource(config).isEmpty()) {
            super.configure(configuration);
            return;
        }
        Map<String, Object> settings = new HashMap<>(configuration);
        settings.put(AvailableSettings.DATASOURCE, TrackerDataSource.lookup(config));
        super.configure(settings);
    }
}
