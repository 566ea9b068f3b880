package io.partnerid.authz.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Round trip of the document codec over random documents (the generator of the engine properties). */
class PolicyDocumentsProperties {

    @Property(tries = 200)
    void toJsonWhenReadBackThenEqualDocument(@ForAll long seed) {
        PolicyDocument doc = io.partnerid.authz.engine.PolicyEngineTestAccess.randomDocument(seed);
        assertThat(PolicyDocuments.fromJson(PolicyDocuments.toJson(doc))).isEqualTo(doc);
    }
}
