package io.partnerid.authz.risk;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the risk engine sees of a request.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the subject's organization
 * @param subjectId the subject
 * @param ip the client's IP literal, if known
 * @param deviceId a stable device identifier, if the client sends one
 */
public record RiskContext(OrgId org, String subjectId, Optional<String> ip, Optional<String> deviceId) {

    public RiskContext {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
