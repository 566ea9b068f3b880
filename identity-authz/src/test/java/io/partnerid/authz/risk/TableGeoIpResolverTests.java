package io.partnerid.authz.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.testkit.risk.GeoIpResolverContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The geo-IP contract on {@link TableGeoIpResolver}, and its longest-prefix rule. */
class TableGeoIpResolverTests extends GeoIpResolverContract {

    @Override
    protected GeoIpResolver resolverOf(Map<String, GeoLocation> networks) {
        TableGeoIpResolver.Builder table = TableGeoIpResolver.builder();
        networks.forEach(table::network);
        return table.build();
    }

    @Test
    void locateWhenNetworksNestThenTheLongestPrefixWins() {
        GeoIpResolver nested = TableGeoIpResolver.builder()
                .network("10.0.0.0/8", GeoLocation.countryOnly("FR"))
                .network("10.1.0.0/16", GeoLocation.countryOnly("BE"))
                .build();
        assertThat(nested.locate(IpAddress.parse("10.1.2.3").orElseThrow())).contains(GeoLocation.countryOnly("BE"));
        assertThat(nested.locate(IpAddress.parse("10.2.2.3").orElseThrow())).contains(GeoLocation.countryOnly("FR"));
    }
}
