package io.partnerid.authz.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link GeoIpResolver} over a table of networks; the longest matching prefix wins. For tests, local development
 * and hosts that maintain their own network table.
 *
 * <p>Immutable and thread-safe.
 */
public final class TableGeoIpResolver implements GeoIpResolver {

    private record Row(Cidr network, GeoLocation location) {
    }

    private final List<Row> rows;

    private TableGeoIpResolver(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((Row r) -> r.network().prefix()).reversed());
        this.rows = List.copyOf(sorted);
    }

    /** Starts a table. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<GeoLocation> locate(IpAddress address) {
        for (Row r : rows) {
            if (r.network().contains(address)) {
                return Optional.of(r.location());
            }
        }
        return Optional.empty();
    }

    /** Builds a {@link TableGeoIpResolver}; not thread-safe. */
    public static final class Builder {
        private final List<Row> rows = new ArrayList<>();

        /** Maps a network to a location. */
        public Builder network(String cidr, GeoLocation location) {
            rows.add(new Row(Cidr.parse(cidr), Objects.requireNonNull(location, "location")));
            return this;
        }

        public TableGeoIpResolver build() {
            return new TableGeoIpResolver(rows);
        }
    }
}
