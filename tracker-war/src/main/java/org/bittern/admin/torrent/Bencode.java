package org.bittern.admin.torrent;

import java.util.List;
import java.util.Map;

/**
 * A decoded bencode value (BEP 3) and where it lies in the input: {@code start} inclusive, {@code end} exclusive.
 * The span is what a .torrent's info_hash is computed over (the exact bytes, never a re-encoding).
 */
public sealed interface Bencode {

    int start();

    int end();

    /** A byte string (not necessarily text). */
    record Bytes(byte[] value, int start, int end) implements Bencode {
    }

    record Int(long value, int start, int end) implements Bencode {
    }

    record ListValue(List<Bencode> items, int start, int end) implements Bencode {
    }

    /** Keys are the raw key bytes read as ISO-8859-1 (one char per byte, lossless), in input order. */
    record Dict(Map<String, Bencode> entries, int start, int end) implements Bencode {
    }
}
