package io.bastion.web;

import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** Serves the short page behind every problem type URI, and an index of them. */
@Controller
class ProblemPageController {

    @GetMapping("/problems")
    String index(Model model) {
        model.addAttribute("types", Arrays.asList(ProblemType.values()));
        return "problems";
    }

    @GetMapping("/problems/{slug}")
    String page(@PathVariable String slug, Model model) {
        ProblemType type = ProblemType.bySlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("type", type);
        return "problem";
    }
}
