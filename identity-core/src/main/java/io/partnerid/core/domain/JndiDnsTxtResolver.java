package io.partnerid.core.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DnsTxtResolver} using the JDK's own DNS client through JNDI ({@code com.sun.jndi.dns.DnsContextFactory},
 * module {@code jdk.naming.dns}); no third-party dependency.
 *
 * <p>Thread-safe: every lookup opens and closes its own JNDI context. NXDOMAIN and "no TXT record" give an empty
 * list; every other failure (timeout, SERVFAIL, REFUSED, malformed answer) raises {@code domain.dns_unavailable}, so
 * an outage is never mistaken for absence. The JDK client does not validate DNSSEC: hosts that need it point
 * {@link Builder#servers} at a validating resolver they trust or plug in their own {@link DnsTxtResolver}.
 *
 * <pre>{@code
 * DnsTxtResolver dns = JndiDnsTxtResolver.builder()
 *         .servers(List.of("10.0.0.53"))            // default: the system's resolvers
 *         .initialTimeout(Duration.ofMillis(500))   // doubled on each further round
 *         .attempts(2)
 *         .build();
 * }</pre>
 */
public final class JndiDnsTxtResolver implements DnsTxtResolver {

    private static final Logger LOG = LoggerFactory.getLogger(JndiDnsTxtResolver.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");
    private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+");
    private static final String[] TXT = {"TXT"};

    private final List<String> servers;
    private final Duration initialTimeout;
    private final int attempts;

    private JndiDnsTxtResolver(Builder builder) {
        this.servers = List.copyOf(builder.servers);
        this.initialTimeout = builder.initialTimeout;
        this.attempts = builder.attempts;
    }

    /** Starts a builder; by default the system's resolvers, a 1 s initial timeout and 2 attempts. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<String> txtRecords(String name) {
        Objects.requireNonNull(name, "name");
        if (name.length() > 254 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a DNS name");
        }
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        if (!servers.isEmpty()) {
            env.put(Context.PROVIDER_URL, String.join(" ", servers.stream().map(s -> "dns://" + s + "/").toList()));
        }
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(initialTimeout.toMillis()));
        env.put("com.sun.jndi.dns.timeout.retries", Integer.toString(attempts));
        DirContext context = null;
        try {
            context = new InitialDirContext(env);
            Attributes attributes = context.getAttributes(name, TXT);
            Attribute txt = attributes.get("TXT");
            List<String> records = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> values = txt.getAll();
                while (values.hasMore()) {
                    records.add(joinCharacterStrings(String.valueOf(values.next())));
                }
            }
            return List.copyOf(records);
        } catch (NameNotFoundException e) {
            return List.of();
        } catch (NamingException | RuntimeException e) {
            LOG.debug("DNS TXT lookup of {} failed: {}", name, e.toString());
            throw DomainErrors.dnsUnavailable(name, e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException e) {
                    LOG.trace("closing the DNS context failed", e);
                }
            }
        }
    }

    /**
     * Turns the JDK's text form of one TXT record back into its value: the record's character-strings, which the
     * JDK writes separated by one space, each in double quotes when it is empty or holds a space, a quote or a
     * backslash (the latter two escaped by a backslash), are concatenated.
     *
     * @throws IllegalArgumentException when the text is not in that form
     */
    static String joinCharacterStrings(String rendered) {
        StringBuilder value = new StringBuilder(rendered.length());
        int i = 0;
        int n = rendered.length();
        while (i < n) {
            if (rendered.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = rendered.charAt(i++);
                    if (c == '\\') {
                        if (i == n) {
                            throw new IllegalArgumentException("dangling escape in TXT record");
                        }
                        value.append(rendered.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted string in TXT record");
                }
            } else {
                while (i < n && rendered.charAt(i) != ' ') {
                    value.append(rendered.charAt(i++));
                }
            }
            if (i < n) {
                if (rendered.charAt(i) != ' ') {
                    throw new IllegalArgumentException("character-strings must be separated by one space");
                }
                i++;
                if (i == n) {
                    throw new IllegalArgumentException("trailing separator in TXT record");
                }
            }
        }
        return value.toString();
    }

    /**
     * Builds a {@link JndiDnsTxtResolver}.
     *
     * <p>Not thread-safe; use from one thread.
     */
    public static final class Builder {
        private List<String> servers = List.of();
        private Duration initialTimeout = Duration.ofSeconds(1);
        private int attempts = 2;

        private Builder() {
        }

        /**
         * The DNS servers to ask, as {@code host} or {@code host:port} (IPv6 in brackets), in order; empty (the
         * default) uses the system's configured resolvers.
         */
        public Builder servers(List<String> servers) {
            for (String server : servers) {
                if (!SERVER.matcher(Objects.requireNonNull(server, "server")).matches()) {
                    throw new IllegalArgumentException("a server is host or host:port");
                }
            }
            this.servers = List.copyOf(servers);
            return this;
        }

        /** The timeout of the first attempt per server (doubled on each further round); 1 ms to 30 s. */
        public Builder initialTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
                throw new IllegalArgumentException("initialTimeout must be 1 ms to 30 s");
            }
            this.initialTimeout = timeout;
            return this;
        }

        /**
         * How many UDP rounds over the servers a lookup makes before it fails, 1 to 5; passed to the JDK as
         * {@code com.sun.jndi.dns.timeout.retries} (JDK 17 makes exactly this many rounds, later JDKs one more).
         */
        public Builder attempts(int attempts) {
            if (attempts < 1 || attempts > 5) {
                throw new IllegalArgumentException("attempts must be 1 to 5");
            }
            this.attempts = attempts;
            return this;
        }

        /** Builds the resolver. */
        public JndiDnsTxtResolver build() {
            return new JndiDnsTxtResolver(this);
        }
    }
}
