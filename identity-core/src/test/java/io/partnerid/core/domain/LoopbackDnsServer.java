package io.partnerid.core.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal authoritative DNS server on the loopback interface, for testing {@link JndiDnsTxtResolver} without a
 * network: it answers TXT queries from a map (RFC 1035 §4.1 message format, UDP only), NXDOMAIN for unknown names,
 * and SERVFAIL for names told to fail. Each TXT record is a list of character-strings.
 */
final class LoopbackDnsServer implements AutoCloseable {

    private static final int NOERROR = 0;
    private static final int SERVFAIL = 2;
    private static final int NXDOMAIN = 3;

    private final DatagramSocket socket;
    private final Thread thread;
    private final Map<String, List<List<String>>> txt = new ConcurrentHashMap<>();
    private final Map<String, Integer> rcodes = new ConcurrentHashMap<>();

    LoopbackDnsServer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** host:port of the server. */
    String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    /** Sets the TXT records of {@code name}; an empty list means "name exists, no TXT record". */
    LoopbackDnsServer txt(String name, List<List<String>> records) {
        txt.put(name.toLowerCase(Locale.ROOT), records);
        return this;
    }

    /** Makes queries for {@code name} answer SERVFAIL. */
    LoopbackDnsServer serverFailure(String name) {
        rcodes.put(name.toLowerCase(Locale.ROOT), SERVFAIL);
        return this;
    }

    @Override
    public void close() {
        socket.close();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket request = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(request);
                byte[] response = answer(request.getData(), request.getLength());
                socket.send(new DatagramPacket(response, response.length, request.getSocketAddress()));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private byte[] answer(byte[] q, int length) {
        // header: id(2) flags(2) qdcount(2) ancount(2) nscount(2) arcount(2); then the question
        int pos = 12;
        StringBuilder name = new StringBuilder();
        while (q[pos] != 0) {
            int len = q[pos++] & 0xff;
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, pos, len, StandardCharsets.US_ASCII));
            pos += len;
        }
        pos++; // root label
        int qtype = ((q[pos] & 0xff) << 8) | (q[pos + 1] & 0xff);
        int questionEnd = pos + 4;
        String key = name.toString().toLowerCase(Locale.ROOT);

        List<List<String>> records = txt.get(key);
        int rcode = rcodes.getOrDefault(key, records == null ? NXDOMAIN : NOERROR);
        List<List<String>> answers = rcode == NOERROR && qtype == 16 ? records : List.of();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]);
        out.write(0x84 | (q[2] & 0x01)); // QR=1, AA=1, RD copied
        out.write(0x80 | rcode);         // RA=1
        short16(out, 1);
        short16(out, answers.size());
        short16(out, 0);
        short16(out, 0);
        out.write(q, 12, questionEnd - 12);
        for (List<String> record : answers) {
            out.write(0xc0); // pointer to the question name at offset 12
            out.write(12);
            short16(out, 16); // TXT
            short16(out, 1);  // IN
            short16(out, 0);  // TTL (32 bits)
            short16(out, 60);
            ByteArrayOutputStream rdata = new ByteArrayOutputStream();
            for (String s : record) {
                byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
                rdata.write(bytes.length);
                rdata.write(bytes, 0, bytes.length);
            }
            short16(out, rdata.size());
            out.write(rdata.toByteArray(), 0, rdata.size());
        }
        return out.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }
}
