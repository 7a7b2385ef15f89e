package it.openesecuzione.identity;

import java.util.List;
import java.util.Optional;

/** Read access to the stazioni appaltanti for other modules. */
public interface StazioniAppaltanti {

    Optional<StazioneAppaltante> find(long id);

    List<StazioneAppaltante> all();
}
