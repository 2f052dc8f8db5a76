package org.bittern.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bittern.bittorrent.ClientError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawQueryTest {

    private static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }

    @Test
    void binaryValuesDecodeToExactBytes() {
        // The bytes the stack probe sent through Payara and WildFly: NUL, 0xff, 0x80, and the escaped
        // separators + & = that must not split or end anything once decoded.
        RawQuery q = RawQuery.parse("info_hash=%00%ff%80ab%20c%2B%3D%26%E9%00%01&port=1");
        assertThat(q.value("info_hash")).containsExactly(
                0x00, 0xff, 0x80, 'a', 'b', 0x20, 'c', 0x2b, 0x3d, 0x26, 0xe9, 0x00, 0x01);
        assertThat(q.value("port")).isEqualTo(ascii("1"));
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void upperAndLowerCaseHex() {
        assertThat(RawQuery.parse("a=%aB%Cd").value("a")).containsExactly(0xab, 0xcd);
    }

    @Test
    void plusIsSpaceButEscapedPlusIsPlus() {
        assertThat(RawQuery.parse("a=x+y%2Bz").value("a")).isEqualTo(ascii("x y+z"));
    }

    @Test
    void semicolonSeparatesLikeAmpersand() {
        RawQuery q = RawQuery.parse("a=1;b=2&c=3");
        assertThat(q.value("a")).isEqualTo(ascii("1"));
        assertThat(q.value("b")).isEqualTo(ascii("2"));
        assertThat(q.value("c")).isEqualTo(ascii("3"));
    }

    @Test
    void lastValueWinsForOrdinaryKeys() {
        RawQuery q = RawQuery.parse("port=1&port=2;port=3");
        assertThat(q.value("port")).isEqualTo(ascii("3"));
        assertThat(q.lastIndexOf("port")).isEqualTo(2);
    }

    @Test
    void allInfoHashValuesKeptInOrder() {
        RawQuery q = RawQuery.parse("info_hash=a&x=1&info_hash=b;info_hash=a");
        assertThat(q.values("info_hash")).containsExactly(ascii("a"), ascii("b"), ascii("a"));
    }

    @Test
    void pairWithoutEqualsIsKeyWithEmptyValue() {
        RawQuery q = RawQuery.parse("compact&a=1");
        assertThat(q.lastIndexOf("compact")).isZero();
        assertThat(q.value("compact")).isEmpty();
        assertThat(q.value("a")).isEqualTo(ascii("1"));
    }

    @Test
    void onlyTheFirstEqualsSeparates() {
        assertThat(RawQuery.parse("jwt=a.b=c==").value("jwt")).isEqualTo(ascii("a.b=c=="));
    }

    @Test
    void emptyPairsAreSkipped() {
        RawQuery q = RawQuery.parse("&&a=1&;&b=&");
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.value("b")).isEmpty();
    }

    @Test
    void nullAndEmptyAreEmptyQueries() {
        assertThat(RawQuery.parse(null).size()).isZero();
        assertThat(RawQuery.parse("").size()).isZero();
        assertThat(RawQuery.parse("").value("a")).isNull();
        assertThat(RawQuery.parse("").values("info_hash")).isEmpty();
    }

    @Test
    void keysAreDecodedAndComparedExactly() {
        RawQuery q = RawQuery.parse("info%5Fhash=x&INFO_HASH=y&info_hash2=z");
        assertThat(q.values("info_hash")).containsExactly(ascii("x"));
        assertThat(q.key(1)).isEqualTo("INFO_HASH");
    }

    @Test
    void escapedSeparatorsInKeysDoNotSplit() {
        RawQuery q = RawQuery.parse("a%3Db=c%26d");
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.key(0)).isEqualTo("a=b");
        assertThat(q.value(0)).isEqualTo(ascii("c&d"));
    }

    @Test
    void valueAsStringIsUtf8() {
        RawQuery q = RawQuery.parse("key=%C3%A9t%C3%A9");
        assertThat(q.valueAsString(0)).isEqualTo("été");
        assertThat(q.valueLength(0)).isEqualTo(5);
        assertThat(q.valueByte(0, 0)).isEqualTo((byte) 0xc3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a=%", "a=%4", "a=%zz", "a=%4g", "a=%g4", "%zz=1", "a=1&b=%", "a=%%41", "a=%-1", "a=% 1"})
    void malformedEscapesAreClientErrors(String raw) {
        assertThatThrownBy(() -> RawQuery.parse(raw)).isInstanceOf(ClientError.class)
                .hasMessage(HttpErrors.BAD_ESCAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=é", "a=\u0080", "a=\uFFFD", "é=1", "a=\uD83D\uDE00"})
    void nonAsciiIsAClientError(String raw) {
        assertThatThrownBy(() -> RawQuery.parse(raw)).isInstanceOf(ClientError.class)
                .hasMessage(HttpErrors.NON_ASCII_QUERY);
    }

    @Test
    void lengthLimit() {
        String atLimit = "a=" + "x".repeat(RawQuery.MAX_LENGTH - 2);
        assertThat(RawQuery.parse(atLimit).valueLength(0)).isEqualTo(RawQuery.MAX_LENGTH - 2);
        assertThatThrownBy(() -> RawQuery.parse(atLimit + "x")).isInstanceOf(ClientError.class)
                .hasMessage(HttpErrors.QUERY_TOO_LONG);
    }

    @Test
    void sixtyKibQueriesAreRejectedBeforeDecoding() {
        String huge = "info_hash=" + "%00".repeat(20 * 1024); // 60 KiB + 10; also bad escapes past the limit
        assertThatThrownBy(() -> RawQuery.parse(huge + "%zz")).isInstanceOf(ClientError.class)
                .hasMessage(HttpErrors.QUERY_TOO_LONG);
    }

    @Test
    void manyPairsGrowTheTable() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            sb.append("k").append(i).append('=').append(i).append('&');
        }
        RawQuery q = RawQuery.parse(sb.toString());
        assertThat(q.size()).isEqualTo(600);
        assertThat(q.value("k599")).isEqualTo(ascii("599"));
        assertThat(q.value("k0")).isEqualTo(ascii("0"));
    }

    @Test
    void valuesAreCopies() {
        RawQuery q = RawQuery.parse("a=xyz");
        q.value("a")[0] = 'Q';
        assertThat(q.value("a")).isEqualTo(ascii("xyz"));
    }
}
