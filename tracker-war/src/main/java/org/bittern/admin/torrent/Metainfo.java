package org.bittern.admin.torrent;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bittern.bittorrent.InfoHash;

/**
 * What the admin API takes from an uploaded .torrent (BEP 3): the v1 info_hash, the SHA-1 of the exact bytes of the
 * bencoded {@code info} dictionary, and {@code info.name}.
 */
public record Metainfo(InfoHash infoHash, String name) {

    /**
     * @throws BencodeException if the file is not strict bencode, or not a v1 (or hybrid) torrent: a dictionary whose
     *         {@code info} is a dictionary with a UTF-8 {@code name}, a {@code piece length} and {@code pieces}
     */
    public static Metainfo parse(byte[] file) throws BencodeException {
        if (!(BencodeDecoder.decode(file) instanceof Bencode.Dict torrent)) {
            throw new BencodeException("a .torrent must be a dictionary");
        }
        if (!(torrent.entries().get("info") instanceof Bencode.Dict info)) {
            throw new BencodeException(torrent.entries().containsKey("info") ? "info is not a dictionary"
                    : "info is missing");
        }
        if (!(info.entries().get("name") instanceof Bencode.Bytes name)) {
            throw new BencodeException(info.entries().containsKey("name") ? "info.name is not a string"
                    : "info.name is missing");
        }
        if (!(info.entries().get("piece length") instanceof Bencode.Int)) {
            throw new BencodeException("info.piece length is missing or not an integer");
        }
        if (!(info.entries().get("pieces") instanceof Bencode.Bytes)) {
            // A v2-only torrent (BEP 52) has no v1 info_hash, which is what the tracker's lists hold.
            throw new BencodeException("info.pieces is missing or not a string (v2-only torrents have no v1 "
                    + "info_hash)");
        }
        return new Metainfo(InfoHash.of(sha1(file, info.start(), info.end())), utf8(name.value()));
    }

    private static String utf8(byte[] bytes) throws BencodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BencodeException("info.name is not UTF-8");
        }
    }

    private static byte[] sha1(byte[] data, int from, int to) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(data, from, to - from);
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
