package org.bittern.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order of the refusals: API off, then the token, then the database. */
class AdminAccessFilterTest {
    private static final Optional<AdminToken> TOKEN = Optional.of(new AdminToken("t0ken"));

    @Test
    void withoutATokenTheApiIsOffForEveryone() {
        Problem p = AdminAccessFilter.refusal(new AdminConfig(Optional.empty(), true, 1), "Bearer t0ken");
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.detail()).contains("tracker.admin.token");
    }

    @Test
    void aMissingOrWrongTokenIs401EvenWithoutADatabase() {
        AdminConfig noDatabase = new AdminConfig(TOKEN, false, 1);
        assertThat(AdminAccessFilter.refusal(noDatabase, null).status()).isEqualTo(401);
        assertThat(AdminAccessFilter.refusal(noDatabase, "Bearer nope").status()).isEqualTo(401);
        assertThat(AdminAccessFilter.refusal(noDatabase, "Bearer nope").detail()).isEqualTo("wrong admin token");
    }

    @Test
    void theRightTokenWithoutADatabaseIs503NamingTheKey() {
        Problem p = AdminAccessFilter.refusal(new AdminConfig(TOKEN, false, 1), "Bearer t0ken");
        assertThat(p.status()).isEqualTo(503);
        assertThat(p.detail()).contains("tracker.db.url");
    }

    @Test
    void theRightTokenWithADatabasePasses() {
        assertThat(AdminAccessFilter.refusal(new AdminConfig(TOKEN, true, 1), "Bearer t0ken")).isNull();
    }
}
