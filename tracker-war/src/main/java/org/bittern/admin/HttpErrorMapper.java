package org.bittern.admin;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * The errors JAX-RS raises itself (no such resource 404, wrong method 405, unsupported body type 415, 406, …) as
 * problem JSON instead of the server's HTML page. A 405 keeps its {@code Allow} header.
 */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Problem problem = problem(status, original.getHeaderString(HttpHeaders.ALLOW));
        Response.ResponseBuilder answer = Response.fromResponse(problem.toResponse());
        if (original.getHeaderString(HttpHeaders.ALLOW) != null) {
            answer.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return answer.build();
    }

    static Problem problem(int status, String allow) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "no such resource; the admin API is under /api/v1/torrents";
            case 405 -> "method not allowed here" + (allow == null ? "" : "; allowed: " + allow);
            case 415 -> "unsupported Content-Type: JSON (application/json) for one torrent, text/plain for a list of "
                    + "info_hashes, application/x-bittorrent for a .torrent file";
            case 406 -> "the admin API answers application/json only";
            default -> title;
        };
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return Problem.of(status, slug, title, detail);
    }
}
