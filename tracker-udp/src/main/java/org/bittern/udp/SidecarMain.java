package org.bittern.udp;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bittern.config.ConfigException;

/** {@code java -jar tracker-udp.jar}: starts the sidecar and stops it cleanly on SIGTERM or Ctrl-C. */
public final class SidecarMain {
    private static final Logger LOG = Logger.getLogger(SidecarMain.class.getName());

    private SidecarMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Sidecar sidecar;
        try {
            sidecar = Sidecar.start();
        } catch (Exception e) {
            ConfigException config = configException(e);
            if (config != null) {
                // One line naming the key, as the WAR reports it; no stack trace for an operator's typo.
                System.err.println("bittern-udp: invalid configuration: " + config.getMessage());
                System.exit(2);
                return;
            }
            LOG.log(Level.SEVERE, "bittern-udp could not start", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sidecar.close();
            // Not through java.util.logging: its own shutdown hook may already have closed the handlers.
            System.err.println("bittern-udp: stopped");
            stopped.countDown();
        }, "bittern-udp-shutdown"));
        System.out.println("bittern-udp: serving " + sidecar.udpAddresses());
        stopped.await();
    }

    /** The container wraps a failing producer's exception; the operator needs the one-line cause. */
    private static ConfigException configException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        return null;
    }
}
