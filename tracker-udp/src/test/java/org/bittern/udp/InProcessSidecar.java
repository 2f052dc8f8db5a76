package org.bittern.udp;

import java.io.IOException;
import java.nio.file.Path;
import org.bittern.config.YamlConfigSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/** The whole sidecar in the test JVM, as {@code java -jar} starts it, configured only by a YAML file. */
public final class InProcessSidecar {
    private InProcessSidecar() {
    }

    /** Names the file as an operator would (the {@value YamlConfigSource#PATH_PROPERTY} property) and starts. */
    public static Sidecar start(Path yaml) throws IOException {
        System.setProperty(YamlConfigSource.PATH_PROPERTY, yaml.toString());
        releaseConfig(); // other tests in this JVM may have built a Config without the file
        return Sidecar.start();
    }

    /** Stops {@code sidecar} (if it started) and leaves no configuration behind for the next test class. */
    public static void stop(Sidecar sidecar) {
        if (sidecar != null) {
            sidecar.close();
        }
        System.clearProperty(YamlConfigSource.PATH_PROPERTY);
        releaseConfig();
    }

    private static void releaseConfig() {
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }
}
