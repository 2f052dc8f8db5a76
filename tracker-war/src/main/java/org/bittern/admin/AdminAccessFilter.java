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

/**
 * Before anything else, on every admin call: off without a token (404), the bearer token (401), then the database
 * (503). Pre-matching, so even an unknown path says nothing to a caller without the token.
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
        Problem refusal = refusal(config, request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal != null) {
            Response.ResponseBuilder answer = Response.fromResponse(refusal.toResponse());
            if (refusal.status() == 401) {
                answer.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            }
            request.abortWith(answer.build());
        }
    }

    /** @return why the call is refused, or null to let it through */
    static Problem refusal(AdminConfig config, String authorization) {
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
                break;
        }
        return config.database() ? null : Problems.noDatabase();
    }
}
