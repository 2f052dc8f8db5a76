package org.bittern.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS root: {@code /announce} and {@code /scrape} sit directly under the WAR's context root. */
@ApplicationPath("/")
public class TrackerApplication extends Application {
}
