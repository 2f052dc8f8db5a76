package org.bittern.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/** Real MicroProfile Configs (SmallRye) for tests, holding exactly what the test gives. */
public final class ConfigFixtures {
    private ConfigFixtures() {
    }

    public static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    /** {@code config("key", "value", "key", "value", ...)}. */
    public static Config config(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return config(map);
    }

    /**
     * Runs {@code body} with {@code ConfigProvider.getConfig()} answering exactly {@code values} on this thread: the
     * config is registered for a private class loader made the context class loader, so neither other tests nor
     * the environment leak in, and nothing global is left behind.
     */
    public static <T> T withConfig(Map<String, String> values, Callable<T> body) throws Exception {
        Config config = config(values);
        ClassLoader loader = new URLClassLoader(new URL[0], ConfigFixtures.class.getClassLoader());
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(config, loader);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
            resolver.releaseConfig(config);
        }
    }

    /** The {@link ConfigException} a container start failed with, wherever the container wrapped it. */
    public static ConfigException rootConfigException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConfigException ce) {
                return ce;
            }
        }
        throw new AssertionError("no ConfigException in the cause chain of " + t, t);
    }
}
