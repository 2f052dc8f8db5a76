package org.bittern.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bittern.db.EmbeddedDatabase;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One empty PostgreSQL for the whole integration-test run, started before any test class so it is up before
 * Arquillian starts the one server (Payara Micro or WildFly) all {@code *IT} classes share. Its URL goes into the
 * system property {@value #URL_PROPERTY}, which {@code arquillian.xml} hands to the server as {@code tracker.db.url};
 * the WAR migrates the empty database itself at start (Flyway). Only in the failsafe run (which sets {@code tracker.war}): unit tests
 * never pay for it.
 */
public class PostgresForIntegrationTests implements LauncherSessionListener {

    public static final String URL_PROPERTY = "bittern.it.db.url";

    private EmbeddedDatabase database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("tracker.war") == null || database != null) {
            return;
        }
        try {
            // The failsafe JVM's java.io.tmpdir is under target (pom.xml), and must exist before anything uses it.
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = EmbeddedDatabase.start();
        System.setProperty(URL_PROPERTY, database.url());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (database != null) {
            database.close();
            database = null;
            System.clearProperty(URL_PROPERTY);
        }
    }

    /** The database of this run, as the tests reach it (user and password of {@link EmbeddedDatabase}). */
    public static String url() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException(URL_PROPERTY + " is not set: run the integration tests through failsafe");
        }
        return url;
    }
}
