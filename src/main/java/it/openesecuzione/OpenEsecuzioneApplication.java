package it.openesecuzione;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class OpenEsecuzioneApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpenEsecuzioneApplication.class, args);
    }
}
