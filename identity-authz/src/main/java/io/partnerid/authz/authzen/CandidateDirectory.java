package io.partnerid.authz.authzen;

import java.util.List;

/**
 * Lists the candidates an AuthZEN search considers: the subjects or resources of a type.
 *
 * <p>Called by {@link AuthZenService} for subject and resource searches; the service filters the candidates through
 * the policy engine, in order, until the requested page is filled, and pages the permitted ones. An empty list means
 * nothing to search. Must be thread-safe; large directories should pre-filter (for example by the organization in the
 * request) and return a bounded number of candidates: each one may cost a {@link SubjectResolver} look-up.
 *
 * @param <T> {@link AuthZen.SubjectRef} or {@link AuthZen.ResourceRef}
 */
@FunctionalInterface
public interface CandidateDirectory<T> {

    /** The candidates of the given type, in a stable order (paging relies on it). */
    List<T> candidates(String type);
}
