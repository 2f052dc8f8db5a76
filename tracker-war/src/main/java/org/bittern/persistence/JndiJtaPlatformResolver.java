package org.bittern.persistence;

import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Finds the server's transaction manager where Hibernate's own resolver cannot: on Payara (GlassFish) the
 * application cannot see the server classes Hibernate probes for, so it would boot without a JTA platform
 * ({@code HHH000489}, then a NullPointerException). GlassFish publishes the manager under
 * {@code java:appserver/TransactionManager}; if that name answers, this picks {@link SunOneJtaPlatform}, otherwise
 * Hibernate's standard resolution. Only asked when {@code hibernate.transaction.jta.platform} is not set, so an
 * explicit setting (a system property, or WildFly's own) always wins. No server class is referenced.
 */
public class JndiJtaPlatformResolver implements JtaPlatformResolver {

    /** Where GlassFish and Payara bind their TransactionManager (what {@link SunOneJtaPlatform} looks up). */
    static final String GLASSFISH_TRANSACTION_MANAGER = "java:appserver/TransactionManager";

    @Override
    @SuppressWarnings("rawtypes")
    public JtaPlatform resolveJtaPlatform(Map configurationValues, ServiceRegistryImplementor registry) {
        if (bound(GLASSFISH_TRANSACTION_MANAGER)) {
            SunOneJtaPlatform platform = new SunOneJtaPlatform();
            // The platform looks its objects up through Hibernate's JNDI service, which it receives here.
            platform.injectServices(registry);
            return platform;
        }
        return new StandardJtaPlatformResolver().resolveJtaPlatform(configurationValues, registry);
    }

    private static boolean bound(String name) {
        try {
            InitialContext context = new InitialContext();
            try {
                return context.lookup(name) != null;
            } finally {
                context.close();
            }
        } catch (NamingException | RuntimeException e) {
            return false;
        }
    }
}
