package org.bittern.bittorrent;

/**
 * The only error whose text reaches a client (as a bencoded {@code failure reason} or a BEP 15 error
 * packet). Any other exception is reported to the client as a generic internal error.
 * No stack trace is captured: these are expected, frequent and cheap.
 */
public class ClientError extends RuntimeException {
    public ClientError(String message) {
        super(message, null, false, false);
    }
}
