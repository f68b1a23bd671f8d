// Ervaring survey: hides a question that only applies after a certain answer, and shows it again when it does.
// The page works without this file: then the question stays visible with a sentence about when to answer it.
(function () {
  "use strict";
  function update(question) {
    var rule = question.getAttribute("data-toon-als").split(":");
    var codes = rule[1].split(",");
    var chosen = Array.prototype.some.call(document.querySelectorAll("input[name='" + rule[0] + "']:checked"),
      function (input) { return codes.indexOf(input.value) >= 0; });
    question.hidden = !chosen;
    var hint = question.querySelector(".condition");
    if (hint) hint.hidden = true;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var questions = document.querySelectorAll("[data-toon-als]");
    Array.prototype.forEach.call(questions, function (question) {
      if (!question.getAttribute("data-toon-als")) return;
      update(question);
      var source = question.getAttribute("data-toon-als").split(":")[0];
      Array.prototype.forEach.call(document.querySelectorAll("input[name='" + source + "']"), function (input) {
        input.addEventListener("change", function () { update(question); });
      });
    });
  });
})();
