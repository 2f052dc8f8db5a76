package org.bittern.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void theFourRfc9457MembersThenTheExtensionsInOrder() {
        Problem p = Problem.of(400, "invalid-lines", "Bad Request", "line 3: \"quoted\"")
                .with("invalid", Json.createValue(2))
                .with("invalidLines", Json.createArrayBuilder().add(3).add(7).build());
        String json = p.toJson();
        JsonObject o = parse(json);
        assertThat(o.getString("type")).isEqualTo("urn:bittern:problem:invalid-lines");
        assertThat(o.getString("title")).isEqualTo("Bad Request");
        assertThat(o.getInt("status")).isEqualTo(400);
        assertThat(o.getString("detail")).isEqualTo("line 3: \"quoted\"");
        assertThat(o.getInt("invalid")).isEqualTo(2);
        assertThat(json.indexOf("\"invalid\"")).isLessThan(json.indexOf("\"invalidLines\""));
    }

    @Test
    void theExceptionCarriesTheProblemWithoutAStackTrace() {
        ProblemException e = Problems.badRequest("x").exception();
        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void jaxRsOwnErrorsGetAProblemThatSaysWhatToDo() {
        assertThat(HttpErrorMapper.problem(404, null).detail()).contains("/api/v1/torrents");
        Problem notAllowed = HttpErrorMapper.problem(405, "GET, DELETE");
        assertThat(notAllowed.type()).isEqualTo("urn:bittern:problem:method-not-allowed");
        assertThat(notAllowed.detail()).contains("GET, DELETE");
        Problem unsupported = HttpErrorMapper.problem(415, null);
        assertThat(unsupported.title()).isEqualTo("Unsupported Media Type");
        assertThat(unsupported.detail()).contains("application/json", "text/plain", "application/x-bittorrent");
        assertThat(HttpErrorMapper.problem(599, null).title()).isEqualTo("HTTP 599");
    }
}
