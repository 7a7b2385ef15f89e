package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.platform.DatabaseScope;
import it.openesecuzione.platform.DatabaseScopeProvider;
import org.springframework.stereotype.Component;

/** The row-level-security scope of the authenticated user; nothing when nobody is logged in. */
@Component
class UserScopeProvider implements DatabaseScopeProvider {

    @Override
    public DatabaseScope currentScope() {
        return CurrentUser.find().map(PlatformUser::databaseScope).orElse(DatabaseScope.NONE);
    }
}
