package org.bittern.admin.torrent;

/** Input that is not strict bencode, or not a usable .torrent; the message says what and where (byte offset). */
public class BencodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public BencodeException(String message) {
        super(message);
    }
}
