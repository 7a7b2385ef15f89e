package it.openesecuzione.execution.web;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.execution.ContractTerm;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.ExecutionTimeline;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.execution.SchedaSequence;
import it.openesecuzione.web.Crumb;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The execution of a contract at a glance: state, key dates, the events and their schede. */
@Controller
class ExecutionPages {

    private final ExecutionLog log;
    private final ContractRegistry contracts;

    ExecutionPages(ExecutionLog log, ContractRegistry contracts) {
        this.log = log;
        this.contracts = contracts;
    }

    @GetMapping("/contratti/{id}/esecuzione")
    String execution(@PathVariable long id, Model model) {
        Contract contract = contracts.find(id);
        List<RecordedScheda> history = log.history(id);
        ExecutionTimeline timeline = log.timeline(id);
        LocalDate today = log.today();
        Optional<ContractTerm> term = timeline.term();
        SchedaCode last = history.isEmpty() ? null : history.get(history.size() - 1).code();
        model.addAttribute("section", "contratti");
        model.addAttribute("contract", contract);
        model.addAttribute("events", history);
        model.addAttribute("timeline", timeline);
        model.addAttribute("originalDeadline", term.map(ContractTerm::originalDeadline).orElse(null));
        model.addAttribute("deadline", term.map(t -> t.deadline(today)).orElse(null));
        model.addAttribute("suspendedDays", term.map(t -> t.suspendedDays(today)).orElse(0L));
        model.addAttribute("limitPassed", timeline.suspensionLimitPassed(today).orElse(null));
        model.addAttribute("sq1Due", timeline.sq1Due(today));
        model.addAttribute("next", SchedaSequence.allowedAfter(last).stream().sorted().toList());
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + id, "/contratti/" + id), new Crumb("Esecuzione", "/contratti/" + id + "/esecuzione")));
        return "execution/timeline";
    }
}
