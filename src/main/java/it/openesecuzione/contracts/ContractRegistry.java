package it.openesecuzione.contracts;

import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.Role;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, changes, finds and searches contracts for the current user. Tenant isolation is
 * checked here and again by PostgreSQL's row-level security: another authority's contract is
 * simply not found.
 */
@Service
public class ContractRegistry {

    /** Roles that may register and edit contracts of their authority. */
    static final Set<Role> EDITORS = EnumSet.of(Role.AMMINISTRATORE, Role.RUP, Role.SUPPORTO_RUP);

    private final Contracts contracts;
    private final UserDirectory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContractRegistry(Contracts contracts, UserDirectory directory, ApplicationEventPublisher events, Clock clock) {
        this.contracts = contracts;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Contract register(ContractInput input) {
        PlatformUser user = CurrentUser.get();
        long authorityId = user.primaryAuthority()
                .orElseThrow(() -> new NotPermittedException("Solo gli utenti di una stazione appaltante registrano contratti"));
        requireEditor(user, authorityId);
        return register(authorityId, input);
    }

    /** Registers a contract for an authority without a logged-in user (demo seeding, imports). */
    @Transactional
    public Contract register(long authorityId, ContractInput input) {
        StazioneAppaltante authority = directory.find(authorityId)
                .orElseThrow(() -> new NotFoundException("Stazione appaltante " + authorityId + " inesistente"));
        ContractTerms terms = input.validate();
        checkPeopleAndCigs(authorityId, null, terms);
        long id;
        try {
            id = contracts.insert(authorityId, authority.regione(), terms, clock.instant());
        } catch (DuplicateKeyException e) {
            throw cigAlreadyUsed();
        }
        events.publishEvent(new ContractRegistered(id, authorityId, ContractSnapshot.of(terms)));
        return contracts.find(id).orElseThrow();
    }

    @Transactional
    public Contract update(long id, int expectedVersion, ContractInput input) {
        PlatformUser user = CurrentUser.get();
        Contract current = find(id);
        requireEditor(user, current.authorityId());
        ContractTerms terms = input.validate();
        checkPeopleAndCigs(current.authorityId(), id, terms);
        if (current.version() != expectedVersion) {
            throw stale(id);
        }
        try {
            if (!contracts.update(id, expectedVersion, terms, clock.instant())) {
                throw stale(id);
            }
        } catch (DuplicateKeyException e) {
            throw cigAlreadyUsed();
        }
        events.publishEvent(new ContractUpdated(id, current.authorityId(), expectedVersion + 1,
                ContractSnapshot.diff(current.terms(), terms)));
        return contracts.find(id).orElseThrow();
    }

    /**
     * A contract for background work (the delivery to PCP), which has no user: only the database
     * scope of the transaction (SystemScope, or an authority's) decides what is visible.
     */
    @Transactional(readOnly = true)
    public Contract findForBackgroundWork(long id) {
        return contracts.find(id).orElseThrow(() -> new NotFoundException("Contratto " + id + " non trovato"));
    }

    @Transactional(readOnly = true)
    public Contract find(long id) {
        PlatformUser user = CurrentUser.get();
        return contracts.find(id)
                .filter(contract -> user.canRead(contract.authorityId(), contract.region()))
                .orElseThrow(() -> new NotFoundException("Contratto " + id + " non trovato"));
    }

    @Transactional(readOnly = true)
    public ContractPage search(ContractQuery query) {
        PlatformUser user = CurrentUser.get();
        Optional<Long> authority = user.primaryAuthority();
        if (authority.isPresent()) {
            return contracts.search(query, authority.get(), null);
        }
        if (user.isObserver()) {
            return contracts.search(query, null, user.observatoryRegion());
        }
        if (user.platformAdmin()) {
            return contracts.search(query, null, null);
        }
        return new ContractPage(List.of(), query.page(), query.size(), 0, false);
    }

    /** Moves the contract to the state an execution event brought it to. */
    @org.springframework.context.event.EventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void on(ContractStateChange change) {
        if (change.newState() != null) {
            contracts.changeState(change.contractId(), change.newState(), clock.instant());
        }
    }

    /**
     * Stores the idContratto PCP assigned on confirming the SC1. A different one already stored is
     * kept and reported: ANAC assigns it once, and a contract taken over from another platform
     * arrives with it.
     */
    @org.springframework.context.event.EventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void on(ContractIdentifierAssigned assigned) {
        Contract contract = contracts.find(assigned.contractId()).orElseThrow(() -> new NotFoundException("Contratto non trovato"));
        if (contract.terms().idContratto() == null) {
            contracts.assignIdContratto(assigned.contractId(), assigned.idContratto(), clock.instant());
        } else if (!contract.terms().idContratto().equals(assigned.idContratto())) {
            throw new ConflictException("Il contratto ha già l'idContratto " + contract.terms().idContratto()
                    + ", diverso da quello comunicato da ANAC (" + assigned.idContratto() + ")");
        }
    }

    /** May the current user register contracts (in their authority)? */
    public boolean canRegister() {
        return CurrentUser.find().map(user -> user.primaryAuthority()
                .map(authority -> user.rolesIn(authority).stream().anyMatch(EDITORS::contains)).orElse(false))
                .orElse(false);
    }

    /** May the current user edit this contract? For showing or hiding the edit button. */
    public boolean canEdit(Contract contract) {
        return CurrentUser.find().map(user -> user.rolesIn(contract.authorityId()).stream().anyMatch(EDITORS::contains))
                .orElse(false);
    }

    private static void requireEditor(PlatformUser user, long authorityId) {
        if (user.rolesIn(authorityId).stream().noneMatch(EDITORS::contains)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di registrare o modificare contratti");
        }
    }

    private void checkPeopleAndCigs(long authorityId, Long contractId, ContractTerms terms) {
        List<FieldViolation> violations = new ArrayList<>();
        requireRole(violations, "rupId", terms.rupId(), authorityId, Role.RUP, "RUP");
        Role director = terms.tipologia() == Tipologia.LAVORI ? Role.DL : Role.DEC;
        requireRole(violations, "direttoreId", terms.direttoreId(), authorityId, director, director.label().toLowerCase());
        requireRole(violations, "collaudatoreId", terms.collaudatoreId(), authorityId, Role.COLLAUDATORE, "collaudatore");
        if (terms.delegatoId() != null && directory.findById(terms.delegatoId())
                .map(user -> user.rolesIn(authorityId).isEmpty()).orElse(true)) {
            violations.add(new FieldViolation("delegatoId", terms.delegatoId().toString(),
                    "Il delegato deve essere un utente della stazione appaltante"));
        }
        for (int i = 0; i < terms.lotti().size(); i++) {
            String cig = terms.lotti().get(i).cig().value();
            Optional<Long> holder = contracts.findByCig(authorityId, cig);
            if (holder.isPresent() && !holder.get().equals(contractId)) {
                violations.add(new FieldViolation("lotti[" + i + "].cig", cig,
                        "Il CIG " + cig + " è già registrato nel contratto n. " + holder.get()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private void requireRole(List<FieldViolation> violations, String field, Long userId, long authorityId, Role role,
            String label) {
        if (userId != null && directory.findById(userId).map(user -> !user.hasRoleIn(authorityId, role)).orElse(true)) {
            violations.add(new FieldViolation(field, userId.toString(),
                    "L'utente indicato non ha il ruolo di " + label + " presso la stazione appaltante"));
        }
    }

    private static ConflictException stale(long id) {
        return new ConflictException("Il contratto " + id + " è stato modificato da un altro utente nel frattempo: "
                + "ricaricarlo e ripetere la modifica");
    }

    private static InvalidInputException cigAlreadyUsed() {
        return new InvalidInputException(List.of(new FieldViolation("lotti", null,
                "Uno dei CIG è già registrato in un altro contratto della stazione appaltante")));
    }
}
