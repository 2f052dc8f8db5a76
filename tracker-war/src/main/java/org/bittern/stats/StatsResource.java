package org.bittern.stats;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/stats}: the figures of the status page, as JSON. Public unless {@code tracker.stats.public} is
 * false, in which case it takes the admin token like the rest of {@code /api}.
 */
@Path(StatsResource.PATH)
public class StatsResource {

    /** Below the {@code /api} application. */
    public static final String PATH = "v1/stats";

    @Inject
    TrackerStats stats;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        return stats.current();
    }
}
