package org.bittern.admin;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not exceed {@code limit} bytes: reading past it ends the request with a 413 problem,
 * whatever Content-Length said (a chunked body has none).
 */
final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private final String setting;
    private long count;

    /** @param setting the configuration key of the limit, named in the problem; null for a fixed limit */
    BoundedInputStream(InputStream in, long limit, String setting) {
        super(in);
        this.limit = limit;
        this.setting = setting;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        // One byte more than allowed is enough to know the body is too large.
        int n = super.read(b, off, (int) Math.min(len, limit - count + 1));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        counted(skipped);
        return skipped;
    }

    long count() {
        return count;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw Problems.tooLarge(limit, setting).exception();
        }
    }

    /** Reads the whole body (at most {@code limit} bytes). */
    static byte[] readAll(InputStream in, long limit, String setting) throws IOException {
        try (BoundedInputStream bounded = new BoundedInputStream(in, limit, setting)) {
            return bounded.readAllBytes();
        }
    }
}
