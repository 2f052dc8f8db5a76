package org.bittern.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order of the refusals: API off, then the token, then the database; the stats' own rule. */
class AdminAccessFilterTest {
    private static final Optional<AdminToken> TOKEN = Optional.of(new AdminToken("t0ken"));
    private static final String TORRENTS = "v1/torrents";
    private static final String STATS = "/v1/stats";

    @Test
    void withoutATokenTheApiIsOffForEveryone() {
        Problem p = AdminAccessFilter.refusal(new AdminConfig(Optional.empty(), true, 1, true), TORRENTS, "Bearer t0ken");
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.detail()).contains("tracker.admin.token");
    }

    @Test
    void aMissingOrWrongTokenIs401EvenWithoutADatabase() {
        AdminConfig noDatabase = new AdminConfig(TOKEN, false, 1, true);
        assertThat(AdminAccessFilter.refusal(noDatabase, TORRENTS, null).status()).isEqualTo(401);
        assertThat(AdminAccessFilter.refusal(noDatabase, TORRENTS, "Bearer nope").status()).isEqualTo(401);
        assertThat(AdminAccessFilter.refusal(noDatabase, TORRENTS, "Bearer nope").detail()).isEqualTo("wrong admin token");
    }

    @Test
    void theRightTokenWithoutADatabaseIs503NamingTheKey() {
        Problem p = AdminAccessFilter.refusal(new AdminConfig(TOKEN, false, 1, true), TORRENTS, "Bearer t0ken");
        assertThat(p.status()).isEqualTo(503);
        assertThat(p.detail()).contains("tracker.db.url");
    }

    @Test
    void theRightTokenWithADatabasePasses() {
        assertThat(AdminAccessFilter.refusal(new AdminConfig(TOKEN, true, 1, true), TORRENTS, "Bearer t0ken")).isNull();
    }

    @Test
    void statsArePublicByDefaultWithoutTokenOrDatabase() {
        assertThat(AdminAccessFilter.refusal(new AdminConfig(Optional.empty(), false, 1, true), STATS, null)).isNull();
        assertThat(AdminAccessFilter.refusal(new AdminConfig(TOKEN, false, 1, true), "v1/stats/", null)).isNull();
    }

    @Test
    void statsThatAreNotPublicTakeTheTokenButNoDatabase() {
        AdminConfig closed = new AdminConfig(TOKEN, false, 1, false);
        assertThat(AdminAccessFilter.refusal(closed, STATS, null).status()).isEqualTo(401);
        assertThat(AdminAccessFilter.refusal(closed, STATS, "Bearer t0ken")).isNull();
        assertThat(AdminAccessFilter.refusal(new AdminConfig(Optional.empty(), true, 1, false), STATS, null).status())
                .as("no token configured: off like the rest of the API").isEqualTo(404);
    }
}
