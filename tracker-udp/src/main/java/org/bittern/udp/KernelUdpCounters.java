package org.bittern.udp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's count of UDP datagrams dropped because a socket's receive buffer was full: the only queue in
 * front of a sidecar worker, so this is where overload shows. Linux counts per host, not per socket
 * ({@code RcvbufErrors} in /proc/net/snmp, {@code Udp6RcvbufErrors} in /proc/net/snmp6); elsewhere there is
 * nothing to read and the figure is absent.
 */
final class KernelUdpCounters {
    static final Path SNMP = Path.of("/proc/net/snmp");
    static final Path SNMP6 = Path.of("/proc/net/snmp6");

    private KernelUdpCounters() {
    }

    /** IPv4 plus IPv6 receive-buffer drops since boot, or -1 when the kernel does not say. */
    static long receiveBufferErrors() {
        try {
            long v4 = udpField(Files.readAllLines(SNMP), "RcvbufErrors");
            long v6 = Files.isReadable(SNMP6) ? snmp6Field(Files.readAllLines(SNMP6), "Udp6RcvbufErrors") : 0;
            return v4 < 0 ? -1 : v4 + Math.max(0, v6);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** /proc/net/snmp: a header line {@code Udp: name name …} followed by a value line {@code Udp: n n …}. */
    static long udpField(List<String> lines, String field) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
                String[] names = lines.get(i).trim().split("\\s+");
                String[] values = lines.get(i + 1).trim().split("\\s+");
                for (int k = 1; k < names.length && k < values.length; k++) {
                    if (names[k].equals(field)) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
        }
        return -1;
    }

    /** /proc/net/snmp6: one {@code name value} pair per line. */
    static long snmp6Field(List<String> lines, String field) {
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(field)) {
                return Long.parseLong(parts[1]);
            }
        }
        return -1;
    }
}
