package org.bittern.admin;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.bittern.stats.StatsResource;

/**
 * Before anything else, on every admin call: off without a token (404), the bearer token (401), then the database
 * (503). {@code /api/v1/stats} is the exception: public unless {@code tracker.stats.public} is false, then behind
 * the token alone. Pre-matching, so even an unknown path says nothing to a caller without the token.
 */
@Provider
@ApplicationScoped
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AdminAccessFilter implements ContainerRequestFilter {

    /** RFC 6750 §3: what a 401 tells the client to send. */
    static final String CHALLENGE = "Bearer realm=\"bittern-admin\"";

    @Inject
    AdminConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        Problem refusal = refusal(config, request.getUriInfo().getPath(),
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal != null) {
            Response.ResponseBuilder answer = Response.fromResponse(refusal.toResponse());
            if (refusal.status() == 401) {
                answer.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            }
            request.abortWith(answer.build());
        }
    }

    /**
     * @param path the request's path below {@code /api}
     * @return why the call is refused, or null to let it through
     */
    static Problem refusal(AdminConfig config, String path, String authorization) {
        if (StatsResource.PATH.equals(stripSlashes(path))) {
            // The status page's figures: public by default, else the token's; they never need the database.
            return config.publicStats() ? null : tokenRefusal(config, authorization);
        }
        Problem refusal = tokenRefusal(config, authorization);
        if (refusal != null) {
            return refusal;
        }
        return config.database() ? null : Problems.noDatabase();
    }

    private static String stripSlashes(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static Problem tokenRefusal(AdminConfig config, String authorization) {
        if (config.token().isEmpty()) {
            return Problems.apiOff();
        }
        switch (config.token().get().check(authorization)) {
            case MISSING:
                return Problems.unauthorized("an Authorization: Bearer <tracker.admin.token> header is required");
            case NOT_BEARER:
                return Problems.unauthorized("the Authorization header must be Bearer <tracker.admin.token>");
            case WRONG:
                return Problems.unauthorized("wrong admin token");
            default:
                return null;
        }
    }
}
