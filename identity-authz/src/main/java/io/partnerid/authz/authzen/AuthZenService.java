package io.partnerid.authz.authzen;

import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.Decision;
import io.partnerid.authz.Resource;
import io.partnerid.authz.Subject;
import io.partnerid.authz.authzen.AuthZen.ActionRef;
import io.partnerid.authz.authzen.AuthZen.ActionSearchRequest;
import io.partnerid.authz.authzen.AuthZen.EvaluationItem;
import io.partnerid.authz.authzen.AuthZen.EvaluationRequest;
import io.partnerid.authz.authzen.AuthZen.EvaluationResponse;
import io.partnerid.authz.authzen.AuthZen.EvaluationsRequest;
import io.partnerid.authz.authzen.AuthZen.EvaluationsResponse;
import io.partnerid.authz.authzen.AuthZen.PageRequest;
import io.partnerid.authz.authzen.AuthZen.ResourceRef;
import io.partnerid.authz.authzen.AuthZen.ResourceSearchRequest;
import io.partnerid.authz.authzen.AuthZen.SearchResponse;
import io.partnerid.authz.authzen.AuthZen.SubjectRef;
import io.partnerid.authz.authzen.AuthZen.SubjectSearchRequest;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.core.IdentityException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An AuthZEN Policy Decision Point over a {@link PolicyEngine}: evaluation, evaluations (with the three execution
 * semantics) and subject, resource and action search.
 *
 * <p>Thread-safe. Denies carry only a coarse reason code in their context ({@code reason}), never the rule or the
 * organization, so a caller learns nothing about the policy's shape or whether a subject exists.
 *
 * <pre>{@code
 * AuthZenService pdp = new AuthZenService(engine, subjects, ResourceResolver.fromProperties(),
 *         type -> List.of(), type -> List.of());
 * String response = AuthZenCodec.toJson(pdp.evaluate(AuthZenCodec.parseEvaluationRequest(body)));
 * }</pre>
 */
public final class AuthZenService {

    private static final int DEFAULT_PAGE = 50;

    private final PolicyEngine engine;
    private final SubjectResolver subjects;
    private final ResourceResolver resources;
    private final CandidateDirectory<SubjectRef> subjectDirectory;
    private final CandidateDirectory<ResourceRef> resourceDirectory;

    public AuthZenService(PolicyEngine engine, SubjectResolver subjects, ResourceResolver resources,
                          CandidateDirectory<SubjectRef> subjectDirectory,
                          CandidateDirectory<ResourceRef> resourceDirectory) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.subjects = Objects.requireNonNull(subjects, "subjects");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.subjectDirectory = Objects.requireNonNull(subjectDirectory, "subjectDirectory");
        this.resourceDirectory = Objects.requireNonNull(resourceDirectory, "resourceDirectory");
    }

    /** One access evaluation (§6). */
    public EvaluationResponse evaluate(EvaluationRequest request) {
        Objects.requireNonNull(request, "request");
        return decide(request.subject(), request.action(), request.resource(), request.context());
    }

    /** A batch of evaluations (§7), honouring the execution semantic. */
    public EvaluationsResponse evaluations(EvaluationsRequest request) {
        Objects.requireNonNull(request, "request");
        List<EvaluationItem> items = request.evaluations().isEmpty() ? List.of(request.defaults())
                : request.evaluations();
        List<EvaluationResponse> out = new ArrayList<>();
        EvaluationItem d = request.defaults();
        Map<SubjectRef, Optional<Subject>> resolved = new HashMap<>(); // a batch usually asks about one subject
        for (EvaluationItem item : items) {
            SubjectRef s = item.subject().or(d::subject).orElseThrow(() -> missing("subject"));
            ActionRef a = item.action().or(d::action).orElseThrow(() -> missing("action"));
            ResourceRef r = item.resource().or(d::resource).orElseThrow(() -> missing("resource"));
            Map<String, Object> c = item.context().or(d::context).orElse(Map.of());
            EvaluationResponse e = decide(resolved.computeIfAbsent(s, subjects::resolve), a, r, c);
            out.add(e);
            if (request.semantic() == AuthZen.Semantic.DENY_ON_FIRST_DENY && !e.decision()
                    || request.semantic() == AuthZen.Semantic.PERMIT_ON_FIRST_PERMIT && e.decision()) {
                break;
            }
        }
        return new EvaluationsResponse(out);
    }

    /**
     * The subjects of a type that may perform the action on the resource (§8.4). Candidates are evaluated in the
     * directory's order only until the requested page (and one more, to know whether there is a next page) is
     * filled, so a search costs at most offset + limit + 1 permitted evaluations plus the denied ones before them.
     */
    public SearchResponse<SubjectRef> searchSubjects(SubjectSearchRequest request) {
        return search(subjectDirectory.candidates(request.subjectType()),
                candidate -> decide(candidate, request.action(), request.resource(), request.context()).decision(),
                request.page());
    }

    /** The resources of a type the subject may perform the action on (§8.5); evaluated as lazily as subjects. */
    public SearchResponse<ResourceRef> searchResources(ResourceSearchRequest request) {
        Optional<Subject> subject = subjects.resolve(request.subject());
        return search(resourceDirectory.candidates(request.resourceType()),
                candidate -> decide(subject, request.action(), candidate, request.context()).decision(),
                request.page());
    }

    /** The actions the subject may perform on the resource (§8.6), in the order the policy declares them. */
    public SearchResponse<ActionRef> searchActions(ActionSearchRequest request) {
        List<ActionRef> permitted = new ArrayList<>();
        Optional<Subject> subject = subjects.resolve(request.subject());
        for (String action : engine.snapshot().actionsOf(request.resource().type())) {
            ActionRef a = new ActionRef(action, Map.of());
            if (decide(subject, a, request.resource(), request.context()).decision()) {
                permitted.add(a);
            }
        }
        return page(permitted, request.page());
    }

    private EvaluationResponse decide(SubjectRef s, ActionRef a, ResourceRef r, Map<String, Object> context) {
        return decide(subjects.resolve(s), a, r, context);
    }

    private EvaluationResponse decide(Optional<Subject> subject, ActionRef a, ResourceRef r,
                                      Map<String, Object> context) {
        if (subject.isEmpty()) {
            return new EvaluationResponse(false, Map.of("reason", "denied"));
        }
        Optional<Resource> resource = resources.resolve(r, subject.get());
        if (resource.isEmpty()) {
            return new EvaluationResponse(false, Map.of("reason", "denied"));
        }
        Decision d = engine.decide(new AuthorizationRequest(subject.get(), a.name(), resource.get(), context));
        if (d.permitted()) {
            return new EvaluationResponse(true, Map.of());
        }
        return new EvaluationResponse(false, Map.of("reason", "denied"));
    }

    private static <T> SearchResponse<T> search(List<T> candidates, java.util.function.Predicate<T> permitted,
                                                PageRequest page) {
        int offset = page.token().map(AuthZenService::decodeToken).orElse(0);
        int limit = page.limit().orElse(DEFAULT_PAGE);
        long wanted = (long) offset + limit + 1; // one more than the page: is there a next page?
        List<T> found = new ArrayList<>();
        for (T candidate : candidates) {
            if (found.size() >= wanted) {
                break;
            }
            if (permitted.test(candidate)) {
                found.add(candidate);
            }
        }
        return page(found, page);
    }

    private static <T> SearchResponse<T> page(List<T> all, PageRequest page) {
        int offset = page.token().map(AuthZenService::decodeToken).orElse(0);
        int limit = page.limit().orElse(DEFAULT_PAGE);
        int end = Math.min(all.size(), offset + limit);
        List<T> slice = offset >= all.size() ? List.of() : all.subList(offset, end);
        String next = end < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("o:" + end).getBytes(StandardCharsets.US_ASCII)) : "";
        return new SearchResponse<>(slice, next);
    }

    private static int decodeToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (!s.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(s.substring(2));
            if (offset < 0) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new IdentityException(io.partnerid.authz.AuthzErrors.AUTHZEN_INVALID,
                    "Invalid request: page.token is not valid.");
        }
    }

    private static IdentityException missing(String part) {
        return new IdentityException(io.partnerid.authz.AuthzErrors.AUTHZEN_INVALID,
                "Invalid request: an evaluation has no " + part + " and there is no default.");
    }
}
