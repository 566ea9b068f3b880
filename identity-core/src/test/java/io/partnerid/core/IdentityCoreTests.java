package io.partnerid.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.client.ClientService;
import io.partnerid.core.domain.DomainVerificationService;
import io.partnerid.core.group.GroupService;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.settings.SettingsService;
import io.partnerid.core.user.UserService;
import io.partnerid.testkit.CoreFixtures;
import io.partnerid.testkit.MutableClock;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityCoreTests {

    /** What changes the model without checking an actor or auditing: reachable only through unchecked(). */
    private static final Set<Class<?>> UNCHECKED = Set.of(CoreStores.class, OrganizationService.class,
            UserService.class, GroupService.class, RoleService.class, ClientService.class,
            DomainVerificationService.class, SettingsService.class);

    @Test
    void publicAccessorsWhenListedThenUncheckedServicesOnlyBehindUnchecked() {
        List<Method> leaking = Arrays.stream(IdentityCore.class.getMethods())
                .filter(m -> m.getDeclaringClass() == IdentityCore.class && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> UNCHECKED.contains(m.getReturnType()))
                .toList();
        assertThat(leaking).isEmpty();
        assertThat(Arrays.stream(UncheckedServices.class.getMethods()).map(Method::getReturnType))
                .containsAll(UNCHECKED);
    }

    @Test
    void uncheckedWhenCalledThenTheServicesTheAdminFacadeChecks() {
        IdentityCore core = CoreFixtures.inMemory(MutableClock.standard()).core();
        assertThat(core.unchecked()).isSameAs(core.unchecked());
        Actor system = Actor.system("test");
        var org = core.admin().organizations().createRoot(system,
                new OrganizationService.NewOrganization("Acme"));
        assertThat(core.unchecked().organizations().find(org.id())).contains(org);
    }
}
