package org.bittern.metrics;

/** How a request ended; a static metric label (never the client's or the error's text). */
public enum Result {
    /** Answered normally. */
    OK("ok"),
    /** Refused with a {@code failure reason} caused by the request (bad input, middleware refusal). */
    CLIENT_ERROR("client_error"),
    /** The peer store could not be reached. */
    UNAVAILABLE("unavailable"),
    /** A bug or an unexpected failure; logged. */
    ERROR("error");

    private final String label;

    Result(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
