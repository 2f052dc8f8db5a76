package org.bittern.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelUdpCountersTest {

    @Test
    void readsTheUdpReceiveBufferErrorsOfBothFiles() {
        List<String> snmp = List.of(
                "Tcp: RtoAlgorithm RtoMin",
                "Tcp: 1 200",
                "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors",
                "Udp: 74235713 4810 0 74245574 17 0",
                "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors",
                "UdpLite: 0 0 0 0 99 0");
        List<String> snmp6 = List.of("Udp6InDatagrams                 \t5", "Udp6RcvbufErrors                \t3");

        assertThat(KernelUdpCounters.udpField(snmp, "RcvbufErrors")).isEqualTo(17);
        assertThat(KernelUdpCounters.snmp6Field(snmp6, "Udp6RcvbufErrors")).isEqualTo(3);
        assertThat(KernelUdpCounters.udpField(snmp, "NoSuchField")).isEqualTo(-1);
    }

    @Test
    void thisLinuxMachineReportsACount() {
        assertThat(KernelUdpCounters.receiveBufferErrors()).isGreaterThanOrEqualTo(0);
    }
}
