package org.bittern.http;

/**
 * Which server the integration suite runs on ({@code bittern.it.server}, set by the failsafe execution), and where
 * that server serves what the WAR itself does not: health and Prometheus metrics. Payara Micro serves both on the
 * HTTP port; WildFly on its management port, metrics at {@code /prometheus} once {@code src/main/wildfly/bittern.cli} has run.
 */
public enum ServerUnderTest {
    PAYARA_MICRO, WILDFLY;

    public static ServerUnderTest current() {
        return "wildfly".equals(System.getProperty("bittern.it.server")) ? WILDFLY : PAYARA_MICRO;
    }

    /** @param server {@code http://127.0.0.1:<http port>} */
    public String health(String server, String path) {
        return (this == WILDFLY ? management() : server) + path;
    }

    /** The tracker's metrics in Prometheus text. */
    public String metrics(String server) {
        return this == WILDFLY ? management() + "/prometheus" : server + "/metrics?scope=application";
    }

    private static String management() {
        return "http://127.0.0.1:" + System.getProperty("wildfly.management.port");
    }
}
