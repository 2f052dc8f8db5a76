package org.bittern.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminTokenTest {
    private final AdminToken token = new AdminToken("s3cret-token");

    @Test
    void theRightBearerTokenPasses() {
        assertThat(token.check("Bearer s3cret-token")).isEqualTo(AdminToken.Check.OK);
        // RFC 9110: the scheme is case-insensitive.
        assertThat(token.check("bearer s3cret-token")).isEqualTo(AdminToken.Check.OK);
    }

    @Test
    void wrongPrefixesSuffixesAndCaseAreRefused() {
        assertThat(token.check("Bearer s3cret-toke")).isEqualTo(AdminToken.Check.WRONG);
        assertThat(token.check("Bearer s3cret-token2")).isEqualTo(AdminToken.Check.WRONG);
        assertThat(token.check("Bearer S3CRET-TOKEN")).isEqualTo(AdminToken.Check.WRONG);
        assertThat(token.check("Bearer ")).isEqualTo(AdminToken.Check.WRONG);
    }

    @Test
    void missingOrOtherSchemesAreToldApart() {
        assertThat(token.check(null)).isEqualTo(AdminToken.Check.MISSING);
        assertThat(token.check(" ")).isEqualTo(AdminToken.Check.MISSING);
        assertThat(token.check("Basic czNjcmV0LXRva2Vu")).isEqualTo(AdminToken.Check.NOT_BEARER);
        assertThat(token.check("s3cret-token")).isEqualTo(AdminToken.Check.NOT_BEARER);
    }

    @Test
    void aBlankTokenIsNoToken() {
        assertThatThrownBy(() -> new AdminToken(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTokenIsNeverPrinted() {
        assertThat(token.toString()).doesNotContain("s3cret");
    }
}
