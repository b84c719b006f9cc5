package dev.pdm.iiot.security.quarkus;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The one place where a role implies others ({@link Roles#impliedBy}): an engineer may do what an
 * operator may, an operator what a viewer may. Applies to every identity, from the users file or
 * from an OIDC token alike, so that {@code @RolesAllowed} names only the least role an action needs.
 */
@ApplicationScoped
public class RoleHierarchy implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(final SecurityIdentity identity, final AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        final Set<String> implied = Roles.impliedBy(identity.getRoles());
        if (implied.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(implied).build());
    }
}
