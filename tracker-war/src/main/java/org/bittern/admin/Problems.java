package org.bittern.admin;

import org.bittern.config.TrackerConfig.Keys;

/** The problems more than one place of the admin API answers with. */
final class Problems {
    private Problems() {
    }

    static Problem apiOff() {
        return Problem.of(404, "not-found", "Not Found",
                "the admin API is off: " + Keys.ADMIN_TOKEN + " is not set");
    }

    static Problem unauthorized(String detail) {
        return Problem.of(401, "unauthorized", "Unauthorized", detail);
    }

    static Problem noDatabase() {
        return Problem.of(503, "no-database", "Service Unavailable",
                "the admin API needs PostgreSQL and " + Keys.DB_URL + " is not set");
    }

    static Problem databaseUnreachable() {
        return Problem.of(503, "database-unreachable", "Service Unavailable",
                "PostgreSQL cannot be reached now; nothing was changed, try again");
    }

    static Problem badRequest(String detail) {
        return Problem.of(400, "bad-request", "Bad Request", detail);
    }

    static Problem tooLarge(long limit, String setting) {
        return Problem.of(413, "body-too-large", "Content Too Large",
                "the body is larger than " + limit + " bytes" + (setting == null ? "" : " (" + setting + ")"));
    }

    static Problem notListed(String hex) {
        return Problem.of(404, "not-listed", "Not Found", "info_hash " + hex + " is on no list");
    }
}
