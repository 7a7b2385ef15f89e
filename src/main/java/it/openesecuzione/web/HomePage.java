package it.openesecuzione.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomePage {

    @GetMapping("/")
    String home() {
        return "redirect:/contratti";
    }
}
