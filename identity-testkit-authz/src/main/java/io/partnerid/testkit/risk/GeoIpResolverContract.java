package io.partnerid.testkit.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.risk.GeoIpResolver;
import io.partnerid.authz.risk.GeoLocation;
import io.partnerid.authz.risk.IpAddress;
import io.partnerid.testkit.Concurrently;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link GeoIpResolver} must pass; {@link io.partnerid.authz.risk.TableGeoIpResolver} and
 * {@link io.partnerid.authz.risk.MaxMindGeoIpResolver} extend it.
 *
 * <p>Published in identity-testkit-authz: a host that plugs in its own geo-IP source extends it in its tests and
 * builds a resolver over the networks the test gives ({@link #resolverOf}). Not thread-safe; JUnit creates one
 * instance per test. Pinned semantics: an address inside a network, from its first to its last address, IPv4 and
 * IPv6, is located there, with its coordinates when the source has them and country-only when it has none; an
 * IPv4-mapped IPv6 literal ({@code ::ffff:a.b.c.d}) is located as its IPv4 address; an address outside every
 * network is unknown (empty), never a neighbour's country; concurrent look-ups all get the same answers.
 */
public abstract class GeoIpResolverContract {

    /** The networks of the contract: disjoint, IPv4 and IPv6, with and without coordinates. */
    protected static final Map<String, GeoLocation> NETWORKS = networks();

    private static Map<String, GeoLocation> networks() {
        Map<String, GeoLocation> networks = new LinkedHashMap<>();
        networks.put("81.2.69.0/24", new GeoLocation("GB", 51.5142, -0.0931));
        networks.put("203.0.113.128/25", new GeoLocation("AU", -33.8688, 151.2093));
        networks.put("2001:db8::/32", GeoLocation.countryOnly("DE"));
        return Map.copyOf(networks);
    }

    /**
     * A resolver that knows exactly {@code networks} (CIDR notation to location; disjoint). Called once per test
     * with {@link #NETWORKS}; the subclass releases what it opens after the test.
     */
    protected abstract GeoIpResolver resolverOf(Map<String, GeoLocation> networks);

    private GeoIpResolver resolver;

    private Optional<GeoLocation> locate(String address) {
        if (resolver == null) {
            resolver = resolverOf(NETWORKS);
        }
        return resolver.locate(IpAddress.parse(address).orElseThrow());
    }

    @Test
    void locateWhenIpv4InsideANetworkThenItsLocationWithCoordinates() {
        GeoLocation gb = new GeoLocation("GB", 51.5142, -0.0931);
        assertThat(locate("81.2.69.0")).contains(gb);
        assertThat(locate("81.2.69.160")).contains(gb);
        assertThat(locate("81.2.69.255")).contains(gb);
        assertThat(locate("203.0.113.128")).contains(new GeoLocation("AU", -33.8688, 151.2093));
        assertThat(locate("203.0.113.255")).map(GeoLocation::country).contains("AU");
    }

    @Test
    void locateWhenIpv6InsideANetworkWithoutCoordinatesThenCountryOnly() {
        Optional<GeoLocation> de = locate("2001:db8:1234::1");
        assertThat(de).contains(GeoLocation.countryOnly("DE"));
        assertThat(de.get().hasCoordinates()).isFalse();
        assertThat(locate("2001:db8::")).contains(GeoLocation.countryOnly("DE"));
        assertThat(locate("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).contains(GeoLocation.countryOnly("DE"));
    }

    @Test
    void locateWhenIpv4MappedIpv6LiteralThenLocatedAsTheIpv4Address() {
        assertThat(locate("::ffff:81.2.69.7")).map(GeoLocation::country).contains("GB");
    }

    @Test
    void locateWhenOutsideEveryNetworkThenEmpty() {
        for (String outside : List.of("81.2.68.255", "81.2.70.0", "203.0.113.127", "8.8.8.8", "127.0.0.1",
                "0.0.0.0", "255.255.255.255", "2001:db7:ffff::1", "2001:db9::", "::1", "::")) {
            assertThat(locate(outside)).as(outside).isEmpty();
        }
    }

    @Test
    void locateWhenConcurrentThenEveryLookupGetsTheSameAnswer() throws Exception {
        List<String> addresses = List.of("81.2.69.7", "203.0.113.200", "2001:db8::7", "8.8.8.8");
        List<Optional<GeoLocation>> expected = new ArrayList<>();
        for (String a : addresses) {
            expected.add(locate(a));
        }
        List<Callable<List<Optional<GeoLocation>>>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            tasks.add(() -> {
                List<Optional<GeoLocation>> seen = new ArrayList<>();
                for (int round = 0; round < 50; round++) {
                    for (String a : addresses) {
                        seen.add(locate(a));
                    }
                }
                return seen;
            });
        }
        for (List<Optional<GeoLocation>> seen : Concurrently.run(tasks)) {
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(expected.get(i % addresses.size()));
            }
        }
    }
}
