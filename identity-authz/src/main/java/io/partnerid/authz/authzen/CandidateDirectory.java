package io.partnerid.authz.authzen;

import java.util.List;

/**
 * Lists the candidates an AuthZEN search considers: the subjects or resources of a type.
 *
 * <p>Called by {@link AuthZenService} for subject and resource searches; the service filters the candidates through
 * the policy engine and pages the permitted ones. An empty list means nothing to search. Must be thread-safe; large
 * directories should pre-filter (for example by the organization in the request) before returning.
 *
 * @param <T> {@link AuthZen.SubjectRef} or {@link AuthZen.ResourceRef}
 */
@FunctionalInterface
public interface CandidateDirectory<T> {

    /** The candidates of the given type, in a stable order (paging relies on it). */
    List<T> candidates(String type);
}
