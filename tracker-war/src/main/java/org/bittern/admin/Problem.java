package org.bittern.admin;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem: every error of the admin API is answered with one, as {@code application/problem+json}.
 *
 * @param status     the HTTP status
 * @param type       a URI naming the kind of problem ({@link #TYPE_PREFIX} + a slug)
 * @param title      short, the same for every problem of that type
 * @param detail     this occurrence, naming the field, line or setting that is wrong
 * @param extensions further members (e.g. {@code invalidLines}), in order
 */
public record Problem(int status, String type, String title, String detail, Map<String, JsonValue> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are URNs: stable names that need no web site. */
    public static final String TYPE_PREFIX = "urn:bittern:problem:";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        // Members keep the order they were added in.
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, TYPE_PREFIX + slug, title, detail, Map.of());
    }

    public Problem with(String name, JsonValue value) {
        Map<String, JsonValue> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(status, type, title, detail, more);
    }

    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail);
        extensions.forEach(json::add);
        return json.build().toString();
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }

    /** Thrown anywhere in the API to answer with this problem (mapped by {@link ProblemExceptionMapper}). */
    public ProblemException exception() {
        return new ProblemException(this);
    }
}
