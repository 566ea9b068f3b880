package io.partnerid.authz.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import io.partnerid.testkit.risk.GeoIpResolverContract;
import io.partnerid.testkit.risk.RiskStateStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MaxMindGeoIpResolver} over MaxMind DB files written by {@link MmdbTestWriter} (no MaxMind database can be
 * downloaded by the build, and none is shipped): the geo-IP contract, and what is particular to the file format.
 */
class MaxMindGeoIpResolverTests extends GeoIpResolverContract {

    @TempDir
    Path dir;

    private MaxMindGeoIpResolver resolver;

    @AfterEach
    void close() throws IOException {
        if (resolver != null) {
            resolver.close();
        }
    }

    private static Map<String, Object> country(String iso, String name) {
        return Map.of("country", Map.of("iso_code", iso, "geoname_id", 2_635_167, "names", Map.of("en", name)));
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = dir.resolve("test.mmdb");
        Files.write(file, bytes);
        return file;
    }

    private Path testDatabase() throws IOException {
        return write(new MmdbTestWriter()
                .network("81.2.69.0/24", Map.of(
                        "country", Map.of("iso_code", "GB", "names", Map.of("en", "United Kingdom")),
                        "location", Map.of("latitude", 51.5142, "longitude", -0.0931, "accuracy_radius", 100)))
                .network("2001:db8::/32", country("DE", "Germany"))
                .network("192.0.2.0/25", Map.of("continent", Map.of("code", "EU"))) // no country
                .build());
    }

    @Override
    protected GeoIpResolver resolverOf(Map<String, GeoLocation> networks) {
        MmdbTestWriter writer = new MmdbTestWriter();
        networks.forEach((cidr, location) -> {
            Map<String, Object> record = new HashMap<>();
            record.put("country", Map.of("iso_code", location.country()));
            if (location.hasCoordinates()) {
                record.put("location", Map.of("latitude", location.latitude(), "longitude", location.longitude()));
            }
            writer.network(cidr, record);
        });
        try {
            resolver = MaxMindGeoIpResolver.open(write(writer.build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resolver;
    }

    private Optional<GeoLocation> locate(String ip) {
        return resolver.locate(IpAddress.parse(ip).orElseThrow());
    }

    @Test
    void locateWhenIpv4InCityRecordThenCountryAndCoordinates() throws IOException {
        resolver = MaxMindGeoIpResolver.open(testDatabase());
        assertThat(resolver.databaseType()).isEqualTo("PartnerID-Test-Country");
        assertThat(locate("81.2.69.160")).contains(new GeoLocation("GB", 51.5142, -0.0931));
        assertThat(locate("81.2.69.0")).map(GeoLocation::country).contains("GB");
        assertThat(locate("81.2.69.255")).map(GeoLocation::country).contains("GB");
    }

    @Test
    void locateWhenIpv6InCountryRecordThenCountryOnly() throws IOException {
        resolver = MaxMindGeoIpResolver.open(testDatabase());
        Optional<GeoLocation> de = locate("2001:db8:1234::1");
        assertThat(de).contains(GeoLocation.countryOnly("DE"));
        assertThat(de.get().hasCoordinates()).isFalse();
        assertThat(locate("2001:db8:ffff:ffff::ffff")).map(GeoLocation::country).contains("DE");
    }

    @Test
    void locateWhenOutsideEveryNetworkOrWithoutCountryThenEmpty() throws IOException {
        resolver = MaxMindGeoIpResolver.open(testDatabase());
        assertThat(locate("81.2.70.1")).isEmpty();
        assertThat(locate("81.2.68.255")).isEmpty();
        assertThat(locate("8.8.8.8")).isEmpty();
        assertThat(locate("2001:db9::1")).isEmpty();
        assertThat(locate("192.0.2.1")).isEmpty(); // record has no country
        assertThat(locate("192.0.2.200")).isEmpty(); // other half of the /24
    }

    @Test
    void locateWhenUsedByRiskEngineThenGeoFenceUsesTheCountry() throws IOException {
        resolver = MaxMindGeoIpResolver.open(testDatabase());
        io.partnerid.core.org.OrgId acme = io.partnerid.core.org.OrgId.of("acme");
        RiskEngine engine = RiskEngine.builder(io.partnerid.testkit.TestRuntimes.on(
                io.partnerid.testkit.MutableClock.at(RiskStateStoreContract.T0)))
                .geoIp(resolver).policies(Map.of(acme, RiskPolicy.DEFAULT.withCountries("GB"))).build();
        assertThat(engine.assess(new RiskContext(acme, "u1", Optional.of("81.2.69.7"), Optional.empty())).signals())
                .isEmpty();
        assertThat(engine.assess(new RiskContext(acme, "u1", Optional.of("2001:db8::7"), Optional.empty()))
                .signals()).extracting(RiskSignal::name).containsExactly("geo_fence");
    }

    @Test
    void openWhenFileMissingThenGeoIpDatabaseInvalid() {
        assertThatThrownBy(() -> MaxMindGeoIpResolver.open(dir.resolve("absent.mmdb")))
                .isInstanceOf(IdentityException.class)
                .satisfies(e -> assertThat(((IdentityException) e).code())
                        .isEqualTo(AuthzErrors.GEOIP_DATABASE_INVALID));
    }

    @Test
    void openWhenNotAMaxMindDatabaseThenGeoIpDatabaseInvalid() throws IOException {
        Path garbage = write("this is not a MaxMind DB file".repeat(100).getBytes());
        assertThatThrownBy(() -> MaxMindGeoIpResolver.open(garbage)).isInstanceOf(IdentityException.class)
                .satisfies(e -> assertThat(((IdentityException) e).code())
                        .isEqualTo(AuthzErrors.GEOIP_DATABASE_INVALID));
    }

    @Test
    void locateWhenDataSectionCorruptThenOpenFailsOrLookupsAreEmpty() throws IOException {
        MmdbTestWriter writer = new MmdbTestWriter().network("81.2.69.0/24", country("GB", "United Kingdom"));
        byte[] full = writer.build();
        // keep the tree and the metadata but overwrite the data section with garbage
        byte[] damaged = Arrays.copyOf(full, full.length);
        int marker = indexOfMarker(damaged);
        for (int i = writer.treeBytes() + 16; i < marker; i++) {
            damaged[i] = (byte) 0xFF; // data section overwritten with garbage
        }
        Path file = write(damaged);
        try {
            resolver = MaxMindGeoIpResolver.open(file);
        } catch (IdentityException e) {
            assertThat(e.code()).isEqualTo(AuthzErrors.GEOIP_DATABASE_INVALID);
            return;
        }
        assertThat(locate("81.2.69.1")).isEmpty(); // fails closed: unknown, never a wrong country
    }

    private static int indexOfMarker(byte[] bytes) {
        for (int i = bytes.length - 14; i >= 0; i--) {
            if ((bytes[i] & 0xFF) == 0xAB && (bytes[i + 1] & 0xFF) == 0xCD && (bytes[i + 2] & 0xFF) == 0xEF) {
                return i;
            }
        }
        throw new IllegalStateException("no metadata marker");
    }
}
