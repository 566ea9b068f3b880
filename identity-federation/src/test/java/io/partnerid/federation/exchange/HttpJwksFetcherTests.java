package io.partnerid.federation.exchange;

import io.partnerid.testkit.exchange.JwksFetcherContract;

/** The JWKS fetcher contract on the default {@link JwksFetcher#http()}. */
class HttpJwksFetcherTests extends JwksFetcherContract {

    private final JwksFetcher fetcher = JwksFetcher.http();

    @Override
    protected JwksFetcher fetcher() {
        return fetcher;
    }
}
