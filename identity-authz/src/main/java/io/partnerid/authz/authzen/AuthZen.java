package io.partnerid.authz.authzen;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OpenID AuthZEN Authorization API 1.0 message model: subjects, resources, actions, evaluation and search
 * requests and responses, framework-agnostic (the HTTP endpoints belong to the starter).
 *
 * <p>All nested types are immutable records and thread-safe. Property maps hold plain JSON values ({@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}); {@link AuthZenCodec} reads and writes
 * them.
 *
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html">Authorization API 1.0</a>
 */
public final class AuthZen {

    private AuthZen() {
    }

    /**
     * The subject of a request (§5.1): a type, an id and properties.
     *
     * @param type the subject type, for example {@code user}
     * @param id the subject id, empty only in a subject search request
     * @param properties extra attributes
     */
    public record SubjectRef(String type, String id, Map<String, Object> properties) {
        public SubjectRef {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
        }
    }

    /**
     * The resource of a request (§5.2).
     *
     * @param type the resource type
     * @param id the resource id, empty only in a resource search request
     * @param properties extra attributes
     */
    public record ResourceRef(String type, String id, Map<String, Object> properties) {
        public ResourceRef {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
        }
    }

    /**
     * The action of a request (§5.3).
     *
     * @param name the action name
     * @param properties extra attributes
     */
    public record ActionRef(String name, Map<String, Object> properties) {
        public ActionRef {
            Objects.requireNonNull(name, "name");
            properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
        }
    }

    /**
     * An access evaluation request (§6.1).
     *
     * @param subject who
     * @param action what
     * @param resource on what
     * @param context environment attributes
     */
    public record EvaluationRequest(SubjectRef subject, ActionRef action, ResourceRef resource,
                                    Map<String, Object> context) {
        public EvaluationRequest {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resource, "resource");
            context = Map.copyOf(Objects.requireNonNull(context, "context"));
        }
    }

    /**
     * An access evaluation response (§6.2).
     *
     * @param decision true to permit
     * @param context reasons and obligations, as the PDP chooses to disclose them
     */
    public record EvaluationResponse(boolean decision, Map<String, Object> context) {
        public EvaluationResponse {
            context = Map.copyOf(Objects.requireNonNull(context, "context"));
        }
    }

    /** How a batch of evaluations is executed (§7.1.2). */
    public enum Semantic {
        /** Evaluate every item (default). */
        EXECUTE_ALL("execute_all"),
        /** Stop after the first deny. */
        DENY_ON_FIRST_DENY("deny_on_first_deny"),
        /** Stop after the first permit. */
        PERMIT_ON_FIRST_PERMIT("permit_on_first_permit");

        private final String wire;

        Semantic(String wire) {
            this.wire = wire;
        }

        /** The JSON value. */
        public String wire() {
            return wire;
        }

        /** Parses a JSON value. */
        public static Optional<Semantic> fromWire(String value) {
            for (Semantic s : values()) {
                if (s.wire.equals(value)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One item of a batch: each part left empty falls back to the batch's default (§7.1).
     *
     * @param subject the subject, or the default
     * @param action the action, or the default
     * @param resource the resource, or the default
     * @param context the context, or the default
     */
    public record EvaluationItem(Optional<SubjectRef> subject, Optional<ActionRef> action,
                                 Optional<ResourceRef> resource, Optional<Map<String, Object>> context) {
        public EvaluationItem {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resource, "resource");
            context = Objects.requireNonNull(context, "context").map(Map::copyOf);
        }
    }

    /**
     * An access evaluations (batch) request (§7.1).
     *
     * @param defaults the top-level subject, action, resource and context items fall back to
     * @param evaluations the items; empty means one evaluation of the defaults
     * @param semantic the execution semantic
     */
    public record EvaluationsRequest(EvaluationItem defaults, List<EvaluationItem> evaluations, Semantic semantic) {
        public EvaluationsRequest {
            Objects.requireNonNull(defaults, "defaults");
            evaluations = List.copyOf(Objects.requireNonNull(evaluations, "evaluations"));
            Objects.requireNonNull(semantic, "semantic");
        }
    }

    /**
     * An access evaluations response (§7.2): one decision per item evaluated, in order; fewer than requested when
     * the semantic stopped early.
     *
     * @param evaluations the decisions
     */
    public record EvaluationsResponse(List<EvaluationResponse> evaluations) {
        public EvaluationsResponse {
            evaluations = List.copyOf(Objects.requireNonNull(evaluations, "evaluations"));
        }
    }

    /**
     * The paging part of a search request (§8).
     *
     * @param token the opaque token of the page to return, absent for the first page
     * @param limit the largest number of results wanted, absent for the PDP's default
     */
    public record PageRequest(Optional<String> token, Optional<Integer> limit) {
        /** The first page with the default size. */
        public static final PageRequest FIRST = new PageRequest(Optional.empty(), Optional.empty());

        public PageRequest {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(limit, "limit");
        }
    }

    /**
     * A subject search (§8.4): which subjects of {@code subjectType} may perform the action on the resource?
     *
     * @param subjectType the subject type searched
     * @param action the action
     * @param resource the resource
     * @param context environment attributes
     * @param page which page
     */
    public record SubjectSearchRequest(String subjectType, ActionRef action, ResourceRef resource,
                                       Map<String, Object> context, PageRequest page) {
        public SubjectSearchRequest {
            Objects.requireNonNull(subjectType, "subjectType");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resource, "resource");
            context = Map.copyOf(Objects.requireNonNull(context, "context"));
            Objects.requireNonNull(page, "page");
        }
    }

    /**
     * A resource search (§8.5): which resources of {@code resourceType} may the subject act on?
     *
     * @param subject the subject
     * @param action the action
     * @param resourceType the resource type searched
     * @param context environment attributes
     * @param page which page
     */
    public record ResourceSearchRequest(SubjectRef subject, ActionRef action, String resourceType,
                                        Map<String, Object> context, PageRequest page) {
        public ResourceSearchRequest {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resourceType, "resourceType");
            context = Map.copyOf(Objects.requireNonNull(context, "context"));
            Objects.requireNonNull(page, "page");
        }
    }

    /**
     * An action search (§8.6): which actions may the subject perform on the resource?
     *
     * @param subject the subject
     * @param resource the resource
     * @param context environment attributes
     * @param page which page
     */
    public record ActionSearchRequest(SubjectRef subject, ResourceRef resource, Map<String, Object> context,
                                      PageRequest page) {
        public ActionSearchRequest {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(resource, "resource");
            context = Map.copyOf(Objects.requireNonNull(context, "context"));
            Objects.requireNonNull(page, "page");
        }
    }

    /**
     * A search response (§8): the results and the token of the next page, empty when there is none.
     *
     * @param results subjects, resources or actions
     * @param nextToken the token of the next page, empty on the last page
     * @param <T> {@link SubjectRef}, {@link ResourceRef} or {@link ActionRef}
     */
    public record SearchResponse<T>(List<T> results, String nextToken) {
        public SearchResponse {
            results = List.copyOf(Objects.requireNonNull(results, "results"));
            Objects.requireNonNull(nextToken, "nextToken");
        }
    }
}
