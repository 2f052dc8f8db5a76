package org.bittern.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The admin API's JAX-RS application, under {@code /api}: announce and scrape are plain servlets at {@code /announce}
 * and {@code /scrape} (see AnnounceServlet), so the two never meet. Resources and providers are found by scanning.
 */
@ApplicationPath("/api")
public class AdminApplication extends Application {
}
