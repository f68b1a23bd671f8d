# The report's item estimates for the region, computed by R's survey package on the same responses the
# benchmark fed to Ervaring's aggregation (written by RComparison.cs). For each item the respondents with a
# valid answer form the design (as docs/statistics.md prescribes): svydesign(ids=~1, strata=~h, fpc=~N);
# svymean for the total and svyby(..., svymean) for each breakdown. Prints "ELAPSED <seconds>" (system.time,
# computation only) and writes the estimates to the second argument.
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
read_time <- system.time(df <- read.csv(args[1], stringsAsFactors = FALSE, check.names = FALSE))
items <- grep("^y_", names(df), value = TRUE)
dims <- c("gemeente", "zorgvorm", "leeftijdsgroep", "verwijzer")
out <- list()
elapsed <- system.time({
  for (y in items) {
    d <- svydesign(ids = ~1, strata = ~h, fpc = ~N, data = df[!is.na(df[[y]]), ])
    f <- as.formula(paste0("~", y))
    m <- svymean(f, d)
    out[[length(out) + 1]] <- data.frame(item = y, dimension = "totaal", value = "totaal", estimate = unname(coef(m)[1]), se = unname(SE(m)[1]))
    for (v in dims) {
      b <- svyby(f, as.formula(paste0("~", v)), d, svymean)
      out[[length(out) + 1]] <- data.frame(item = y, dimension = v, value = as.character(b[[v]]), estimate = b[[y]], se = b[["se"]])
    }
  }
})
write.csv(do.call(rbind, out), args[2], row.names = FALSE)
cat(sprintf("READ %.3f\n", read_time[["elapsed"]]))
cat(sprintf("ELAPSED %.3f\n", elapsed[["elapsed"]]))
