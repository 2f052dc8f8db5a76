package org.bittern.middleware.clientapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.PeerId;
import org.bittern.middleware.clientapproval.ClientApprovalConfig.Mode;

/** Peer_ids are arbitrary bytes from the network; configured ids are arbitrary operator text. */
class ClientApprovalProperties {

    @Property(tries = 2000)
    void theClientIdIsTheSixBytesAfterALeadingDashElseTheFirstSix(@ForAll @Size(20) byte[] peerId) {
        int from = peerId[0] == '-' ? 1 : 0;
        byte[] expected = Arrays.copyOfRange(peerId, from, from + ClientId.LENGTH);

        assertThat(ClientId.of(PeerId.of(peerId))).isEqualTo(ClientId.parse(escaped(expected)));
    }

    @Property(tries = 2000)
    void everyClientIdSurvivesItsConfigurationForm(@ForAll @Size(6) byte[] id) {
        ClientId clientId = ClientId.parse(escaped(id));
        String written = clientId.toString();

        assertThat(ClientId.parse(written)).isEqualTo(clientId);
        assertThat(written).as("configuration trims values").isEqualTo(written.strip());
        assertThat(written.chars()).allMatch(c -> c > 0x20 && c < 0x7f);
    }

    @Property(tries = 2000)
    void anyTextParsesOrFailsWithAReason(@ForAll @Size(max = 30) String text) {
        try {
            ClientId id = ClientId.parse(text);
            assertThat(ClientId.parse(id.toString())).isEqualTo(id);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Property(tries = 1000)
    void aWhitelistApprovesExactlyItsClientsAndABlacklistTheOthers(@ForAll("peerIds") List<byte[]> peers,
            @ForAll("clientIds") Set<ClientId> ids) {
        ClientApproval whitelist = ClientApproval.of(new ClientApprovalConfig(Mode.WHITELIST, ids));
        ClientApproval blacklist = ClientApproval.of(new ClientApprovalConfig(Mode.BLACKLIST, ids));

        for (byte[] bytes : peers) {
            PeerId peerId = PeerId.of(bytes);
            boolean isListed = ids.contains(ClientId.of(peerId));
            assertThat(whitelist.approves(peerId)).isEqualTo(isListed);
            assertThat(blacklist.approves(peerId)).isEqualTo(!isListed);
            if (!isListed) {
                assertThatThrownBy(() -> whitelist.check(peerId)).isInstanceOf(ClientError.class)
                        .hasMessage("unapproved client");
            }
        }
    }

    /** Random peer_ids, and Azureus-style ones whose client ids often repeat, so both answers occur. */
    @Provide
    Arbitrary<List<byte[]>> peerIds() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofSize(20);
        Arbitrary<byte[]> azureus = Arbitraries.of("-qB4650-", "-TR4050-", "-UT3550-", "M7-2-2--")
                .flatMap(prefix -> Arbitraries.bytes().array(byte[].class).ofSize(20 - prefix.length())
                        .map(rest -> {
                            byte[] id = Arrays.copyOf(prefix.getBytes(StandardCharsets.US_ASCII), 20);
                            System.arraycopy(rest, 0, id, prefix.length(), rest.length);
                            return id;
                        }));
        return Arbitraries.oneOf(random, azureus).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<Set<ClientId>> clientIds() {
        Arbitrary<ClientId> known = Arbitraries.of("qB4650", "TR4050", "UT3550", "M7-2-2").map(ClientId::parse);
        Arbitrary<ClientId> random = Arbitraries.bytes().array(byte[].class).ofSize(6)
                .map(bytes -> ClientId.parse(escaped(bytes)));
        return Arbitraries.oneOf(known, random).set().ofMinSize(1).ofMaxSize(6);
    }

    /** Every byte as {@code %XX}: the one configuration form that holds any 6 bytes. */
    static String escaped(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%%%02x", b & 0xff));
        }
        return sb.toString();
    }
}
