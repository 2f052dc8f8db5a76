package org.bittern.store;

import org.bittern.bittorrent.ClientError;

/** The backing storage (e.g. Redis) cannot be reached; clients are told so, operators see the cause in logs. */
public class StoreUnavailableException extends ClientError {
    public static final String MESSAGE = "tracker storage unavailable";

    public StoreUnavailableException() {
        super(MESSAGE);
    }
}
